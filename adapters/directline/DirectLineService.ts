import type { Activity, ChannelAccount, TurnContext } from 'botbuilder';
import type { InFlight } from '../InFlight.js';
import { parseClientActivity } from './activityInput.js';
import type { DirectLineBotAdapter } from './DirectLineBotAdapter.js';
import { DirectLineConversations, type ActivitySet } from './DirectLineConversations.js';
import type { TokenClaims, TokenSigner } from './HmacTokenSigner.js';
import { RateLimiter, type BucketPolicy } from './tokenBucket.js';

/** Channel id the bot sees for the built-in endpoint: an ordinary Direct Line conversation. */
export const DIRECT_LINE_CHANNEL_ID = 'directline';
/** Per client IP: token requests, conversation starts, posts and stream opens. */
export const IP_RATE_POLICY: BucketPolicy = { capacity: 120, refillPerSecond: 4 };
/** Per conversation: posts and polls (Web Chat polls once a second when WebSockets are unavailable). */
export const CONVERSATION_RATE_POLICY: BucketPolicy = { capacity: 30, refillPerSecond: 3 };
/** Live WebSocket streams per conversation (a few browser tabs). */
export const MAX_STREAMS_PER_CONVERSATION = 3;

/** The part of a pino logger this module uses. */
export interface ErrorLog {
  error(details: object, message: string): void;
}

/** The bot's turn handler (botbuilder's ActivityHandler satisfies it). */
export interface TurnHandler {
  run(context: TurnContext): Promise<void>;
}

/** A refused request: HTTP status, Direct Line error code and message, and Retry-After for 429. */
export interface DirectLineError {
  readonly kind: 'error';
  readonly status: 400 | 401 | 403 | 404 | 429 | 502 | 503;
  readonly code: string;
  readonly message: string;
  readonly retryAfterSeconds?: number;
}
export type DirectLineResult<T> = { readonly kind: 'ok'; readonly status: 200 | 201; readonly body: T } | DirectLineError;

/** Direct Line 3.0's Conversation object. */
export interface ConversationBody {
  readonly conversationId: string;
  readonly token: string;
  readonly expires_in: number;
  readonly streamUrl?: string;
}

/** Where the client reached us: used to build `streamUrl` and the activities' `serviceUrl`. */
export interface Origin {
  readonly httpBase: string;
  readonly wsBase: string;
}

const error = (status: DirectLineError['status'], code: string, message: string, retryAfterSeconds?: number): DirectLineError => ({
  kind: 'error', status, code, message, ...(retryAfterSeconds !== undefined && { retryAfterSeconds }),
});
const ok = <T>(body: T, status: 200 | 201 = 200): DirectLineResult<T> => ({ kind: 'ok', status, body });

/**
 * The built-in Direct Line 3.0 endpoint, free of HTTP: each method takes what the
 * route parsed and returns a tagged result the route turns into a response.
 */
export class DirectLineService {
  private readonly ipLimiter: RateLimiter;
  private readonly conversationLimiter: RateLimiter;

  constructor(
    private readonly deps: {
      readonly conversations: DirectLineConversations;
      readonly adapter: DirectLineBotAdapter;
      readonly signer: TokenSigner;
      readonly bot: TurnHandler;
      readonly botAccount: ChannelAccount;
      readonly inFlight: InFlight;
      readonly log: ErrorLog;
      readonly ipPolicy?: BucketPolicy;
      readonly conversationPolicy?: BucketPolicy;
    },
  ) {
    this.ipLimiter = new RateLimiter(deps.ipPolicy ?? IP_RATE_POLICY);
    this.conversationLimiter = new RateLimiter(deps.conversationPolicy ?? CONVERSATION_RATE_POLICY);
  }

  /** Counts one request against the client's IP. */
  checkIp(ip: string): DirectLineResult<null> {
    const taken = this.ipLimiter.take(ip);
    if (taken.kind === 'limited') return error(429, 'TooManyRequests', 'Too many requests from this address', taken.retryAfterSeconds);
    return ok(null);
  }

  /** A token for a new conversation with a new anonymous user (the page's token endpoint). */
  issueToken(): { conversationId: string; token: string; expires_in: number; userId: string } {
    const conversationId = DirectLineConversations.newConversationId();
    // Not "dl_": Web Chat reserves that prefix for ids embedded in Azure's JWT tokens.
    const userId = `web_${DirectLineConversations.newConversationId()}`;
    const { token, expiresIn } = this.deps.signer.sign(conversationId, userId, 'conversation');
    return { conversationId, token, expires_in: expiresIn, userId };
  }

  /** Checks a REST call's bearer token and that it is bound to `conversationId` (when the route names one). */
  authorize(authorization: string | undefined, conversationId?: string): DirectLineResult<TokenClaims> {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!match) return error(401, 'Unauthorized', 'Missing "Authorization: Bearer <token>" header');
    return this.checkToken(match[1], 'conversation', conversationId);
  }

  /** Checks a stream token (from `streamUrl`). */
  authorizeStream(token: string | undefined, conversationId: string): DirectLineResult<TokenClaims> {
    if (!token) return error(401, 'Unauthorized', 'Missing stream token');
    return this.checkToken(token, 'stream', conversationId);
  }

  /** POST /conversations: starts the token's conversation (the bot greets) or returns it if already started. */
  startConversation(claims: TokenClaims, origin: Origin): DirectLineResult<ConversationBody> {
    const started = this.deps.conversations.start(claims.conversationId, claims.userId);
    if (started.kind === 'full') return error(503, 'ServiceUnavailable', 'Too many open conversations, try again later');
    if (started.kind === 'other-user') return error(403, 'Forbidden', 'This token is not valid for this conversation');
    if (started.kind === 'created') {
      const update: Partial<Activity> = {
        ...this.envelope(claims, origin),
        type: 'conversationUpdate',
        membersAdded: [this.deps.botAccount, { id: claims.userId, name: '' }],
      };
      // Not awaited: the greeting reaches the client through polling or the stream like any reply.
      void this.runTurn(update).catch((cause: unknown) => {
        this.deps.log.error({ err: cause }, 'DirectLineService.startConversation: greeting turn failed');
      });
    }
    return ok(this.conversationBody(claims, origin), started.kind === 'created' ? 201 : 200);
  }

  /** GET /conversations/{id}: reconnect, with a fresh `streamUrl` resuming at `watermark`. */
  getConversation(claims: TokenClaims, origin: Origin, watermark: string | undefined): DirectLineResult<ConversationBody> {
    const parsed = parseWatermark(watermark);
    if (parsed.kind === 'error') return parsed;
    if (!this.deps.conversations.has(claims.conversationId)) return notFound();
    return ok(this.conversationBody(claims, origin, parsed.body));
  }

  /** POST /conversations/{id}/activities: echoes the activity to the log, runs the bot's turn, returns the id. */
  async postActivity(claims: TokenClaims, origin: Origin, body: unknown): Promise<DirectLineResult<{ id: string }>> {
    const limited = this.checkConversation(claims.conversationId);
    if (limited) return limited;
    const input = parseClientActivity(body);
    if (input.kind === 'invalid') return error(400, 'BadArgument', input.problems.join('; '));
    if (!this.deps.conversations.has(claims.conversationId)) return notFound();
    const echoed = this.deps.conversations.append(claims.conversationId, {
      ...input.activity,
      ...this.envelope(claims, origin),
    });
    try {
      await this.runTurn(echoed);
    } catch (cause) {
      // Only reached when onTurnError itself failed: the operator gets the details, the client only Azure's 502.
      this.deps.log.error({ err: cause }, 'DirectLineService.postActivity: the turn and its error handler failed');
      return error(502, 'BotError', 'The bot failed to process the activity');
    }
    return ok({ id: echoed.id ?? '' });
  }

  /** GET /conversations/{id}/activities?watermark= (polling). */
  getActivities(claims: TokenClaims, watermark: string | undefined): DirectLineResult<ActivitySet> {
    const limited = this.checkConversation(claims.conversationId);
    if (limited) return limited;
    const parsed = parseWatermark(watermark);
    if (parsed.kind === 'error') return parsed;
    if (!this.deps.conversations.has(claims.conversationId)) return notFound();
    return ok(this.deps.conversations.since(claims.conversationId, parsed.body));
  }

  /** POST /tokens/refresh: a new token for the same conversation and user. */
  refreshToken(claims: TokenClaims): DirectLineResult<ConversationBody> {
    const { token, expiresIn } = this.deps.signer.sign(claims.conversationId, claims.userId, 'conversation');
    return ok({ conversationId: claims.conversationId, token, expires_in: expiresIn });
  }

  /** Checks that a stream may open on the token's conversation; returns the watermark to resume from. */
  checkStream(claims: TokenClaims, watermark: string | undefined): DirectLineResult<number> {
    const parsed = parseWatermark(watermark);
    if (parsed.kind === 'error') return parsed;
    if (!this.deps.conversations.has(claims.conversationId)) return notFound();
    if (this.deps.conversations.listenerCount(claims.conversationId) >= MAX_STREAMS_PER_CONVERSATION) {
      return error(429, 'TooManyRequests', 'Too many open streams for this conversation');
    }
    return ok(parsed.body ?? 0);
  }

  /** Opens a live stream: sends the backlog from `watermark`, then every new activity. Returns the unsubscribe function. */
  openStream(claims: TokenClaims, watermark: number, send: (set: ActivitySet) => void): () => void {
    // Subscribing and reading the backlog happen in the same tick, so no activity falls in between.
    const unsubscribe = this.deps.conversations.subscribe(claims.conversationId, send);
    const backlog = this.deps.conversations.since(claims.conversationId, watermark);
    if (backlog.activities.length > 0) send(backlog);
    return unsubscribe;
  }

  /** Periodic housekeeping: forget refilled rate-limit buckets and idle conversations. */
  sweep(): void {
    this.ipLimiter.sweep();
    this.conversationLimiter.sweep();
    this.deps.conversations.sweep();
  }

  private runTurn(activity: Partial<Activity>): Promise<void> {
    return this.deps.inFlight.track(this.deps.adapter.processActivity(activity, (context) => this.deps.bot.run(context)));
  }

  private checkToken(token: string, scope: TokenClaims['scope'], conversationId?: string): DirectLineResult<TokenClaims> {
    const checked = this.deps.signer.verify(token);
    if (checked.kind === 'invalid') {
      return checked.reason === 'expired'
        ? error(403, 'TokenExpired', 'Token expired')
        : error(403, 'Forbidden', 'Invalid token');
    }
    if (checked.claims.scope !== scope) return error(403, 'Forbidden', 'Token not valid for this operation');
    if (conversationId !== undefined && checked.claims.conversationId !== conversationId) {
      return error(403, 'Forbidden', 'Token not valid for this conversation');
    }
    return ok(checked.claims);
  }

  private checkConversation(conversationId: string): DirectLineError | undefined {
    const taken = this.conversationLimiter.take(conversationId);
    if (taken.kind === 'limited') return error(429, 'TooManyRequests', 'Too many requests in this conversation', taken.retryAfterSeconds);
    return undefined;
  }

  private conversationBody(claims: TokenClaims, origin: Origin, watermark?: number): ConversationBody {
    const { token, expiresIn } = this.deps.signer.sign(claims.conversationId, claims.userId, 'conversation');
    const stream = this.deps.signer.sign(claims.conversationId, claims.userId, 'stream');
    const query = new URLSearchParams({ t: stream.token, ...(watermark !== undefined && { watermark: String(watermark) }) });
    const streamUrl = `${origin.wsBase}/v3/directline/conversations/${encodeURIComponent(claims.conversationId)}/stream?${query}`;
    return { conversationId: claims.conversationId, token, expires_in: expiresIn, streamUrl };
  }

  /** Identity fields of an incoming activity: decided by the token, never by the client. */
  private envelope(claims: TokenClaims, origin: Origin): Partial<Activity> {
    return {
      channelId: DIRECT_LINE_CHANNEL_ID,
      serviceUrl: `${origin.httpBase}/v3/directline`,
      from: { id: claims.userId, name: '', role: 'user' },
      recipient: this.deps.botAccount,
      conversation: { id: claims.conversationId, name: '', isGroup: false, conversationType: 'personal' },
      timestamp: new Date(),
    };
  }
}

function notFound(): DirectLineError {
  return error(404, 'NotFound', 'Conversation not found or expired; start a new one');
}

function parseWatermark(watermark: string | undefined): DirectLineResult<number | undefined> {
  if (watermark === undefined || watermark === '') return ok(undefined);
  if (!/^\d{1,15}$/.test(watermark)) return error(400, 'BadArgument', 'watermark must be a non-negative integer');
  return ok(Number(watermark));
}
