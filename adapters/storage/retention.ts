import type { Clock } from '../clock.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Purges run at start-up and then once a day. */
export const RETENTION_CHECK_INTERVAL_MS = DAY_MS;

/** What the purge reports to (pino's logger satisfies it). */
interface RetentionLog {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

/** A store holding free text (the question log, the feedback store). */
export interface TextPurging {
  purgeText(before: string): Promise<number>;
}

/**
 * Empties the free text (questions, comments) older than `retentionDays` in
 * each named store, now and every day; returns the function that stops it.
 * Counts only are logged.
 */
export function startRetention(stores: Readonly<Record<string, TextPurging>>, retentionDays: number, clock: Clock, log: RetentionLog): () => void {
  const purge = async (): Promise<void> => {
    const before = new Date(clock.now() - retentionDays * DAY_MS).toISOString();
    for (const [store, target] of Object.entries(stores)) {
      await target.purgeText(before).then(
        (purged) => {
          if (purged > 0) log.info({ store, purged, retentionDays }, 'free text past the retention period emptied');
        },
        (err: unknown) => log.warn({ err, store }, 'retention purge failed'),
      );
    }
  };
  void purge();
  return clock.every(RETENTION_CHECK_INTERVAL_MS, () => void purge());
}
