import { DatabaseUnavailableError } from '../../databaseUnavailable.js';

/**
 * Telling "the database cannot be reached right now" apart from a real failure: the first
 * is answered 503 (the client retries, the instance reconnects), the second is a defect.
 */

/** SQLSTATE classes and codes meaning the server went away or is not accepting connections yet. */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
const UNAVAILABLE_SYSCALL_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/** True when `error` (or its cause) says the connection failed rather than the statement. */
export function isConnectionFailure(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth += 1) {
    if (current instanceof DatabaseUnavailableError) return true;
    const code = 'code' in current && typeof current.code === 'string' ? current.code : '';
    if (code.startsWith('08') || UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_SYSCALL_CODES.has(code)) return true;
    // node-postgres reports a dropped socket with these messages and no code.
    if (/Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect|not queryable/i.test(current.message)) {
      return true;
    }
  }
  return false;
}
