import { percentile } from '../eval/metrics.js';
import { DirectLineTestClient, stringField, type DirectLineStreamClient, type DlActivity } from './helpers/directLineClient.js';

export interface DirectLineLoadOptions {
  /** Base URL of a running server (the caller starts and stops it). */
  readonly baseUrl: string;
  readonly conversations?: number;
  readonly turns?: number;
  /** Messages sent in turn, cycled. */
  readonly messages?: readonly string[];
  /**
   * Source addresses the clients connect from, round-robin (127.0.0.x all reach loopback on Linux):
   * several users per address, as behind real NATs, without tripping the per-IP limit meant for one abuser.
   */
  readonly addresses?: readonly string[];
  /** How long one reply may take before it counts as lost. */
  readonly replyTimeoutMs?: number;
  /** Hard cap on the whole run. */
  readonly timeLimitMs?: number;
}

export interface DirectLineLoadReport {
  readonly conversations: number;
  readonly turnsPlanned: number;
  readonly turnsCompleted: number;
  readonly lostReplies: number;
  readonly errors: readonly string[];
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly maxMs: number;
  readonly durationMs: number;
}

const DEFAULT_MESSAGES = ['Bonjour', 'Qu’est-ce que le MOS ?', 'menu', 'Le référencement est-il obligatoire ?'];

/** A reply to `postedId`: the bot's first message activity answering it (typing indicators do not count). */
function isReplyTo(postedId: string): (activity: DlActivity) => boolean {
  return (activity) => activity.type === 'message' && activity.replyToId === postedId && activity.from?.role === 'bot';
}

/**
 * Runs concurrent Direct Line conversations against a running server, each one
 * greeting then `turns` sequential messages over HTTP with replies read from the
 * WebSocket stream (as Web Chat does). Latency: POST sent → reply received.
 */
export async function runDirectLineLoad(options: DirectLineLoadOptions): Promise<DirectLineLoadReport> {
  const conversations = options.conversations ?? 50;
  const turns = options.turns ?? 10;
  const messages = options.messages ?? DEFAULT_MESSAGES;
  const addresses = options.addresses ?? ['127.0.0.1'];
  const replyTimeoutMs = options.replyTimeoutMs ?? 15_000;
  const timeLimitMs = options.timeLimitMs ?? 120_000;
  const latencies: number[] = [];
  const errors: string[] = [];
  let lostReplies = 0;
  const started = Date.now();
  const deadline = started + timeLimitMs;

  const runOne = async (index: number): Promise<void> => {
    let stream: DirectLineStreamClient | undefined;
    try {
      const client = await DirectLineTestClient.connect(options.baseUrl, addresses[index % addresses.length]);
      stream = await client.openStream();
      await stream.waitFor((activity) => activity.type === 'message' && activity.from?.role === 'bot', replyTimeoutMs);
      for (let turn = 0; turn < turns; turn += 1) {
        if (Date.now() > deadline) throw new Error('time limit reached');
        const sentAt = performance.now();
        const posted = await client.send(messages[(index + turn) % messages.length]);
        if (posted.status !== 200) {
          errors.push(`conversation ${index} turn ${turn}: HTTP ${posted.status} ${JSON.stringify(posted.body)}`);
          continue;
        }
        try {
          await stream.waitFor(isReplyTo(stringField(posted.body, 'id')), Math.min(replyTimeoutMs, Math.max(1, deadline - Date.now())));
          latencies.push(performance.now() - sentAt);
        } catch {
          lostReplies += 1;
        }
      }
    } catch (error) {
      errors.push(`conversation ${index}: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      stream?.close();
    }
  };

  await Promise.all(Array.from({ length: conversations }, (_, index) => runOne(index)));
  return {
    conversations,
    turnsPlanned: conversations * turns,
    turnsCompleted: latencies.length,
    lostReplies,
    errors,
    p50Ms: round(percentile(latencies, 50)),
    p95Ms: round(percentile(latencies, 95)),
    maxMs: round(latencies.length > 0 ? Math.max(...latencies) : Number.NaN),
    durationMs: Date.now() - started,
  };
}

/** Ten loopback source addresses: 127.0.0.1 … 127.0.0.10. */
export const LOOPBACK_ADDRESSES: readonly string[] = Array.from({ length: 10 }, (_, i) => `127.0.0.${i + 1}`);

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
