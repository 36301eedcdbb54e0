import { ActivityTypes, type TurnContext } from 'botbuilder';

/** Teams and Web Chat show a typing indicator for a few seconds: one every 3 s keeps it alive without flooding. */
export const TYPING_INTERVAL_MS = 3_000;

/**
 * How long a search runs before the first typing indicator goes out (botbuilder's ShowTypingMiddleware
 * waits as long). The lexical search answers in a few milliseconds: an indicator would cost every turn
 * one more channel message (with Direct Line on PostgreSQL, one more append, its round trip and its
 * fan-out to the streams) and flash for an instant before the answer. A slow search (the dense model
 * on a loaded machine) still shows it, long before a visitor would wonder whether the bot heard them.
 */
export const TYPING_DELAY_MS = 500;

/** When the typing indicator starts, and how often it is sent again while the work runs. */
export interface TypingTiming {
  readonly delayMs: number;
  readonly intervalMs: number;
}

export const DEFAULT_TYPING_TIMING: TypingTiming = Object.freeze({ delayMs: TYPING_DELAY_MS, intervalMs: TYPING_INTERVAL_MS });

/**
 * Runs `work`, showing a typing indicator only if it is still running after `timing.delayMs`: one then,
 * then one per `timing.intervalMs` until the work settles. Work done sooner sends none. The indicators
 * are sent while the work runs and are awaited before this returns, so they always reach the channel
 * before the reply that follows. A failed indicator is reported to `onTypingError`: it must not fail
 * the search itself.
 */
export async function withTyping<T>(
  context: TurnContext,
  timing: TypingTiming,
  work: () => Promise<T>,
  onTypingError: (error: unknown) => void,
): Promise<T> {
  const sent: Promise<void>[] = [];
  const showTyping = (): void => {
    sent.push(context.sendActivity({ type: ActivityTypes.Typing }).then(() => undefined, onTypingError));
  };
  let repeat: ReturnType<typeof setInterval> | undefined;
  const start = setTimeout(() => {
    showTyping();
    repeat = setInterval(showTyping, timing.intervalMs);
  }, timing.delayMs);
  try {
    return await work();
  } finally {
    clearTimeout(start);
    clearInterval(repeat);
    await Promise.all(sent);
  }
}
