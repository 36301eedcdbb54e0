import { ActivityTypes, type TurnContext } from 'botbuilder';

/** Teams and Web Chat show a typing indicator for a few seconds: one every 3 s keeps it alive without flooding. */
export const TYPING_INTERVAL_MS = 3_000;

/**
 * Runs `work` while showing a typing indicator: one right away, then one per
 * `intervalMs` until the work settles. The first indicator is sent while the
 * work runs (its round trip no longer delays the search) and is awaited before
 * this returns, so it always reaches the channel before the reply that follows.
 * A failed indicator, the first one included, is reported to `onTypingError`:
 * it must not fail the search itself.
 */
export async function withTyping<T>(
  context: TurnContext,
  intervalMs: number,
  work: () => Promise<T>,
  onTypingError: (error: unknown) => void,
): Promise<T> {
  const showTyping = (): Promise<void> =>
    context.sendActivity({ type: ActivityTypes.Typing }).then(() => undefined, onTypingError);
  const first = showTyping();
  const timer = setInterval(() => void showTyping(), intervalMs);
  try {
    return await work();
  } finally {
    clearInterval(timer);
    await first;
  }
}
