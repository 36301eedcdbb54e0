import type { QuestionLogStore } from '../../bot/index.js';
import type { Clock } from '../clock.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Purges run at start-up and then once a day. */
export const RETENTION_CHECK_INTERVAL_MS = DAY_MS;

/** What the purge reports to (pino's logger satisfies it). */
interface RetentionLog {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

/**
 * Empties the free text of questions older than `retentionDays`, now and
 * every day; returns the function that stops it. Counts only are logged.
 */
export function startRetention(store: Pick<QuestionLogStore, 'purgeText'>, retentionDays: number, clock: Clock, log: RetentionLog): () => void {
  const purge = (): Promise<void> =>
    store.purgeText(new Date(clock.now() - retentionDays * DAY_MS).toISOString()).then(
      (purged) => {
        if (purged > 0) log.info({ purged, retentionDays }, 'question log: free text past the retention period emptied');
      },
      (err: unknown) => log.warn({ err }, 'question log: retention purge failed'),
    );
  void purge();
  return clock.every(RETENTION_CHECK_INTERVAL_MS, () => void purge());
}
