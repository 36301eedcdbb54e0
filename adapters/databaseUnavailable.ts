/**
 * "The shared database cannot be reached right now": answered 503 by every route (the client
 * retries, the instance reconnects), never 500. Thrown by the PostgreSQL stores, recognised
 * by the HTTP layers, so it lives apart from both.
 */
export class DatabaseUnavailableError extends Error {
  constructor(method: string, options?: { cause?: unknown }) {
    super(`${method}: the database is unreachable`, options);
    this.name = 'DatabaseUnavailableError';
  }
}

/** True when `error` or one of its causes is a {@link DatabaseUnavailableError}. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 8; current = current.cause, depth += 1) {
    if (current instanceof DatabaseUnavailableError) return true;
  }
  return false;
}
