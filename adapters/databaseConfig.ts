/** The PostgreSQL part of loadConfig (`DATABASE_URL`, `DATABASE_POOL_SIZE`, `DATABASE_SCHEMA`). Pure, like loadConfig. */

/** Where the shared PostgreSQL database is and how many connections an instance opens. */
export interface DatabaseConfig {
  readonly url: string;
  /** Connections of the query pool (the turn locks and LISTEN use their own, see PostgresDatabase). */
  readonly poolSize: number;
  /** Schema holding the tables (migrations create it); `public` by default. */
  readonly schema: string;
}

export const DEFAULT_DATABASE_POOL_SIZE = 10;
const MAX_DATABASE_POOL_SIZE = 100;

/** Validates the PostgreSQL settings; undefined without `DATABASE_URL` (the embedded default). */
export function databaseConfig(url: string | undefined, poolText: string | undefined, schemaText: string | undefined, problems: string[]): DatabaseConfig | undefined {
  let poolSize = DEFAULT_DATABASE_POOL_SIZE;
  if (poolText !== undefined) {
    poolSize = Number(poolText);
    if (!Number.isInteger(poolSize) || poolSize < 1 || poolSize > MAX_DATABASE_POOL_SIZE) {
      problems.push(`DATABASE_POOL_SIZE must be an integer from 1 to ${MAX_DATABASE_POOL_SIZE} (got "${poolText}")`);
    }
  }
  const schema = schemaText ?? 'public';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    problems.push(`DATABASE_SCHEMA must be a lower-case SQL identifier (got "${schema}")`);
  }
  if (url === undefined) return undefined;
  // The URL carries a password: never echo it in a problem.
  if (!URL.canParse(url) || !['postgres:', 'postgresql:'].includes(new URL(url).protocol)) {
    problems.push('DATABASE_URL must be a postgres:// or postgresql:// URL');
  }
  return { url, poolSize, schema };
}
