/**
 * One visitor driving a conversation as Web Chat does, through the proxy: a token, the
 * conversation start, a WebSocket stream (reconnected at its watermark when it drops, as
 * Web Chat does), then turns: a question, the answer read from the stream, a 👍 or 👎 on it.
 * A post that fails (the instance died under it) is sent again, as the visitor would.
 */
import WebSocket from 'ws';
import { httpJson, type DlActivity, type HttpResult } from '../helpers/directLineClient.js';

export interface AcknowledgedVote {
  readonly conversationId: string;
  readonly question: string;
  readonly helpful: boolean;
}

export interface VisitorResult {
  readonly conversationId: string;
  readonly turnsDone: number;
  readonly turnLatenciesMs: number[];
  readonly votes: AcknowledgedVote[];
  /** Activity ids the stream delivered more than once. */
  readonly duplicates: number;
  readonly reconnections: number;
  readonly retriedPosts: number;
}

export interface VisitorOptions {
  /**
   * Where each request goes: the proxy, or a function called for every request (the REST calls and the
   * stream's reconnections) when the client itself spreads them over the instances, as a deployment
   * without a load balancer (round-robin DNS) would. The stream opens where `streamUrl` says.
   */
  readonly baseUrl: string | (() => string);
  readonly questions: readonly string[];
  readonly localAddress?: string;
  /** Longest wait for one answer (the stream may be reconnecting meanwhile). */
  readonly answerTimeoutMs?: number;
  /** Called after each completed turn (the test kills an instance after a share of them). */
  readonly onTurn?: () => void;
  /** Sends the REST calls (default: directLineClient's `httpJson` from `localAddress`; the bench's load generator passes a leaner client). */
  readonly http?: (method: string, url: string, options: { headers?: Record<string, string>; body?: string }) => Promise<HttpResult>;
}

const RETRY_PAUSE_MS = 150;
const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The vote button's payload (Action.Submit data) for `helpful`, anywhere in the activity. */
export function votePayload(value: unknown, helpful: boolean): Record<string, unknown> | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  if (!Array.isArray(value) && Reflect.get(value, 'action') === 'vote' && Reflect.get(value, 'helpful') === helpful) return Object.fromEntries(Object.entries(value));
  for (const child of Object.values(value)) {
    const found = votePayload(child, helpful);
    if (found) return found;
  }
  return undefined;
}

function stringField(body: unknown, name: string): string {
  const value: unknown = typeof body === 'object' && body !== null ? Reflect.get(body, name) : undefined;
  if (typeof value !== 'string') throw new Error(`visitor: no "${name}" in ${JSON.stringify(body)}`);
  return value;
}

export async function runVisitor(options: VisitorOptions): Promise<VisitorResult> {
  const { baseUrl, localAddress } = options;
  const base = typeof baseUrl === 'string' ? () => baseUrl : baseUrl;
  const answerTimeoutMs = options.answerTimeoutMs ?? 30_000;
  const http = options.http ?? ((method: string, url: string, sent: { headers?: Record<string, string>; body?: string }) => httpJson(method, url, { ...sent, localAddress }));
  const call = async (method: string, path: string, token: string, body?: unknown) => {
    for (;;) {
      try {
        const result = await http(method, `${base()}${path}`, { headers: { Authorization: `Bearer ${token}` }, body: body === undefined ? undefined : JSON.stringify(body) });
        if (result.status < 500 && result.status !== 429) return result;
      } catch {
        // The connection was cut (an instance died): send it again.
      }
      retried += 1;
      await pause(RETRY_PAUSE_MS);
    }
  };
  let retried = 0;
  let issued = await http('POST', `${base()}/api/directline/token`, {});
  while (issued.status !== 200) {
    await pause(RETRY_PAUSE_MS);
    issued = await http('POST', `${base()}/api/directline/token`, {});
  }
  let token = stringField(issued.body, 'token');
  const started = await call('POST', '/v3/directline/conversations', token, {});
  const conversationId = stringField(started.body, 'conversationId');
  token = stringField(started.body, 'token');

  const received: DlActivity[] = [];
  const seen = new Set<string>();
  let duplicates = 0;
  let watermark = '';
  let reconnections = 0;
  let finished = false;
  let wake: () => void = () => undefined;
  const openStream = (url: string): void => {
    const socket = new WebSocket(url, { localAddress });
    socket.on('message', (data: Buffer) => {
      const text = data.toString('utf8');
      if (!text) return;
      const set: unknown = JSON.parse(text);
      const activities: unknown = typeof set === 'object' && set !== null ? Reflect.get(set, 'activities') : undefined;
      for (const activity of Array.isArray(activities) ? activities.filter(isActivity) : []) {
        if (activity.id !== undefined && seen.has(activity.id)) duplicates += 1;
        if (activity.id !== undefined) seen.add(activity.id);
        received.push(activity);
      }
      watermark = stringField(set, 'watermark');
      wake();
    });
    socket.on('error', () => socket.terminate());
    socket.on('close', () => {
      if (finished) return;
      // Web Chat's reconnection: GET the conversation at the watermark, open the fresh stream URL.
      reconnections += 1;
      void (async () => {
        await pause(RETRY_PAUSE_MS);
        const again = await call('GET', `/v3/directline/conversations/${encodeURIComponent(conversationId)}${watermark ? `?watermark=${watermark}` : ''}`, token);
        openStream(stringField(again.body, 'streamUrl'));
      })();
    });
    closeStream = () => socket.close();
  };
  let closeStream: () => void = () => undefined;
  openStream(stringField(started.body, 'streamUrl'));

  const waitFor = async (match: (activity: DlActivity) => boolean, what = 'the greeting'): Promise<DlActivity> => {
    const deadline = Date.now() + answerTimeoutMs;
    for (;;) {
      const found = received.find(match);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) {
        const last = received.slice(-4).map((activity) => `${activity.id ?? '?'} ${activity.from?.role ?? '?'} reply-to ${activity.replyToId ?? '-'}: ${(activity.text ?? '[card]').slice(0, 60)}`);
        throw new Error(`visitor ${conversationId}: no ${what} within ${answerTimeoutMs} ms (watermark ${watermark}, ${reconnections} reconnections); last received:\n${last.join('\n')}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 500));
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  };

  const turnLatenciesMs: number[] = [];
  const votes: AcknowledgedVote[] = [];
  try {
    await waitFor((activity) => activity.from?.role === 'bot' && activity.type === 'message');
    for (const [turn, question] of options.questions.entries()) {
      const helpful = turn % 2 === 0;
      const startedAt = performance.now();
      const posted = await call('POST', `/v3/directline/conversations/${encodeURIComponent(conversationId)}/activities`, token, { type: 'message', text: question });
      if (posted.status !== 200) throw new Error(`visitor: the question got ${posted.status}`);
      const questionId = stringField(posted.body, 'id');
      const answer = await waitFor((activity) => activity.replyToId === questionId && votePayload(activity, helpful) !== undefined, `answer to "${question}" (${questionId})`);
      turnLatenciesMs.push(performance.now() - startedAt);
      const vote = await call('POST', `/v3/directline/conversations/${encodeURIComponent(conversationId)}/activities`, token, { type: 'message', value: votePayload(answer, helpful) });
      if (vote.status !== 200) throw new Error(`visitor: the vote got ${vote.status}`);
      votes.push({ conversationId, question, helpful });
      options.onTurn?.();
    }
  } finally {
    finished = true;
    closeStream();
  }
  return { conversationId, turnsDone: turnLatenciesMs.length, turnLatenciesMs, votes, duplicates, reconnections, retriedPosts: retried };
}

function isActivity(value: unknown): value is DlActivity {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
