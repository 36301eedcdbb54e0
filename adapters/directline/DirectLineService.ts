import type { Activity, ChannelAccount } from 'botbuilder';
import type { Clock } from '../clock.js';
import type { InFlight } from '../InFlight.js';
import { parseClientActivity } from './activityInput.js';
import type { DirectLineBotAdapter } from './DirectLineBotAdapter.js';
import { DirectLineConversations, type ActivitySet, type PostResult } from './DirectLineConversations.js';
import type { DirectLineStore } from './DirectLineStore.js';
import type { TokenClaims, TokenSigner } from './HmacTokenSigner.js';
import type { DirectLineLimits } from './limits.js';
import {
  failure, ok, parseWatermark, tooManyConversations, type ConversationBody, type DirectLineError, type DirectLineResult, type Origin, type ServiceLog, type TurnHandler,
} from './results.js';
import { RateLimiter } from './tokenBucket.js';
import { isDatabaseUnavailable } from '../databaseUnavailable.js';

/** Channel id the bot sees for the built-in endpoint: an ordinary Direct Line conversation. */
export const DIRECT_LINE_CHANNEL_ID = 'directline';

export interface DirectLineServiceDeps {
  readonly conversations: DirectLineStore;
  readonly adapter: DirectLineBotAdapter;
  readonly signer: TokenSigner;
  readonly bot: TurnHandler;
  readonly botAccount: ChannelAccount;
  readonly inFlight: InFlight;
  readonly log: ServiceLog;
  readonly clock: Clock;
  readonly limits: DirectLineLimits;
  /** The bot's line (in French) opening a conversation recreated after the server lost it. */
  readonly resumedText: string;
}

/**
 * The built-in Direct Line 3.0 endpoint, free of HTTP: each method takes what the
 * route parsed and returns a tagged result the route turns into a response.
 *
 * A valid token whose conversation the server no longer knows (a restart, an idle
 * or memory eviction) resumes it: the conversation is recreated, numbered beyond
 * any watermark the client holds, and opens with a line saying it restarted, so
 * Web Chat's reconnect succeeds and the visitor goes on without reloading the page.
 */
export class DirectLineService {
  private readonly ipLimiter: RateLimiter;
  private readonly conversationLimiter: RateLimiter;

  constructor(private readonly deps: DirectLineServiceDeps) {
    this.ipLimiter = new RateLimiter(deps.limits.ipRate);
    this.conversationLimiter = new RateLimiter(deps.limits.conversationRate);
  }

  /** Counts one request against the client's IP. */
  checkIp(ip: string): DirectLineResult<null> {
    const taken = this.ipLimiter.take(ip, this.deps.clock.now());
    if (taken.kind === 'limited') return failure(429, 'TooManyRequests', 'Too many requests from this address', taken.retryAfterSeconds);
    return ok(null);
  }

  /** A token for a new conversation with a new anonymous user (the page's token endpoint). */
  issueToken(): { conversationId: string; token: string; expires_in: number; userId: string } {
    const conversationId = DirectLineConversations.newConversationId();
    // Not "dl_": Web Chat reserves that prefix for ids embedded in Azure's JWT tokens.
    const userId = `web_${DirectLineConversations.newConversationId()}`;
    const { token, expiresIn } = this.deps.signer.sign(conversationId, userId, 'conversation', this.deps.clock.now());
    return { conversationId, token, expires_in: expiresIn, userId };
  }

  /** Checks a REST call's bearer token and that it is bound to `conversationId` (when the route names one). */
  authorize(authorization: string | undefined, conversationId?: string): DirectLineResult<TokenClaims> {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!match) return failure(401, 'Unauthorized', 'Missing "Authorization: Bearer <token>" header');
    return this.checkToken(match[1], 'conversation', conversationId);
  }

  /** Checks a stream token (from `streamUrl`). */
  authorizeStream(token: string | undefined, conversationId: string): DirectLineResult<TokenClaims> {
    if (!token) return failure(401, 'Unauthorized', 'Missing stream token');
    return this.checkToken(token, 'stream', conversationId);
  }

  /** POST /conversations: starts the token's conversation (the bot greets) or returns it if already started. */
  async startConversation(claims: TokenClaims, origin: Origin): Promise<DirectLineResult<ConversationBody>> {
    const started = await this.deps.conversations.start(claims.conversationId, claims.userId, this.deps.clock.now());
    if (started.kind === 'full') return tooManyConversations();
    if (started.kind === 'other-user') return failure(403, 'Forbidden', 'This token is not valid for this conversation');
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
  async getConversation(claims: TokenClaims, origin: Origin, watermark: string | undefined): Promise<DirectLineResult<ConversationBody>> {
    const parsed = parseWatermark(watermark);
    if (parsed.kind === 'error') return parsed;
    const present = await this.ensureConversation(claims, parsed.body);
    if (present) return present;
    return ok(this.conversationBody(claims, origin, parsed.body));
  }

  /** POST /conversations/{id}/activities: echoes the activity to the log, runs the bot's turn, returns the id. */
  async postActivity(claims: TokenClaims, origin: Origin, body: unknown): Promise<DirectLineResult<{ id: string }>> {
    const limited = this.checkConversation(claims.conversationId);
    if (limited) return limited;
    const input = parseClientActivity(body);
    if (input.kind === 'invalid') return failure(400, 'BadArgument', input.problems.join('; '));
    const activity: Partial<Activity> = { ...input.activity, ...this.envelope(claims, origin) };
    let echoed: PostResult;
    try {
      echoed = await this.postTurn(claims, activity);
      if (echoed.kind === 'missing') {
        // The server lost the conversation: recreated, it opens with the line saying so, then takes the post.
        const present = await this.ensureConversation(claims, undefined);
        if (present) return present;
        echoed = await this.postTurn(claims, activity);
      }
    } catch (cause) {
      // The database went away during the turn: the client retries once it is back (Web Chat shows the send as failed).
      if (isDatabaseUnavailable(cause)) return failure(503, 'ServiceUnavailable', 'The service is temporarily unavailable');
      // Only reached when onTurnError itself failed: the operator gets the details, the client only Azure's 502.
      this.deps.log.error({ err: cause }, 'DirectLineService.postActivity: the post or its turn (and its error handler) failed');
      return failure(502, 'BotError', 'The bot failed to process the activity');
    }
    if (echoed.kind === 'other-user') return failure(403, 'Forbidden', 'This token is not valid for this conversation');
    // Forgotten again at once (the endpoint is at its cap): the client sends it again.
    if (echoed.kind === 'missing') return failure(503, 'ServiceUnavailable', 'The service is temporarily unavailable');
    if (echoed.kind === 'too-large') {
      return failure(413, 'PayloadTooLarge', `The activity must be at most ${this.deps.limits.conversations.maxActivityBytes} bytes once stored`);
    }
    return ok({ id: echoed.activity.id ?? '' });
  }

  /** GET /conversations/{id}/activities?watermark= (polling). */
  async getActivities(claims: TokenClaims, watermark: string | undefined): Promise<DirectLineResult<ActivitySet>> {
    const limited = this.checkConversation(claims.conversationId);
    if (limited) return limited;
    const parsed = parseWatermark(watermark);
    if (parsed.kind === 'error') return parsed;
    const present = await this.ensureConversation(claims, parsed.body);
    if (present) return present;
    return ok(await this.deps.conversations.since(claims.conversationId, parsed.body ?? 0, this.deps.clock.now()));
  }

  /** POST /tokens/refresh: a new token for the same conversation and user. */
  refreshToken(claims: TokenClaims): DirectLineResult<ConversationBody> {
    const { token, expiresIn } = this.deps.signer.sign(claims.conversationId, claims.userId, 'conversation', this.deps.clock.now());
    return ok({ conversationId: claims.conversationId, token, expires_in: expiresIn });
  }

  /** Checks that a stream may open on the token's conversation; returns the watermark to resume from. */
  async checkStream(claims: TokenClaims, watermark: string | undefined): Promise<DirectLineResult<number>> {
    const parsed = parseWatermark(watermark);
    if (parsed.kind === 'error') return parsed;
    const present = await this.ensureConversation(claims, parsed.body);
    if (present) return present;
    if (this.deps.conversations.listenerCount(claims.conversationId) >= this.deps.limits.maxStreamsPerConversation) {
      return failure(429, 'TooManyRequests', 'Too many open streams for this conversation');
    }
    return ok(parsed.body ?? 0);
  }

  /** Opens a live stream: sends the backlog from `watermark`, then every new activity. Returns the unsubscribe function. */
  openStream(claims: TokenClaims, watermark: number, send: (set: ActivitySet) => void): () => void {
    return this.deps.conversations.watch(claims.conversationId, watermark, this.deps.clock.now(), send);
  }

  /** Periodic housekeeping: forget refilled rate-limit buckets and idle conversations. */
  async sweep(): Promise<void> {
    const now = this.deps.clock.now();
    this.ipLimiter.sweep(now);
    this.conversationLimiter.sweep(now);
    try {
      await this.deps.conversations.sweep(now);
    } catch (err) {
      // The next sweep tries again (the database may be restarting).
      this.deps.log.error({ err }, 'DirectLineService.sweep: could not forget idle conversations');
    }
  }

  /**
   * Makes sure the token's conversation exists, recreating it when the server lost it.
   * Undefined when it is there; the refusal otherwise (another user's, or no room).
   */
  private async ensureConversation(claims: TokenClaims, watermark: number | undefined): Promise<DirectLineError | undefined> {
    const now = this.deps.clock.now();
    // Beyond the client's watermark and beyond any sequence number of the lost conversation (the clock
    // outruns any conversation's count of activities), so nothing the client holds is skipped or repeated.
    const started = await this.deps.conversations.start(claims.conversationId, claims.userId, now, Math.max(watermark ?? 0, now));
    if (started.kind === 'full') return tooManyConversations();
    if (started.kind === 'other-user') return failure(403, 'Forbidden', 'This token is not valid for this conversation');
    if (started.kind === 'created') {
      await this.deps.conversations.append(claims.conversationId, this.resumedNotice(claims), now);
      this.deps.log.info({ conversations: this.deps.conversations.size }, 'Direct Line conversation resumed after the server lost it');
    }
    return undefined;
  }

  private resumedNotice(claims: TokenClaims): Partial<Activity> {
    return {
      type: 'message',
      channelId: DIRECT_LINE_CHANNEL_ID,
      from: this.deps.botAccount,
      recipient: { id: claims.userId, name: '', role: 'user' },
      conversation: { id: claims.conversationId, name: '', isGroup: false, conversationType: 'personal' },
      text: this.deps.resumedText,
      textFormat: 'plain',
      locale: 'fr-FR',
      timestamp: new Date(this.deps.clock.now()),
    };
  }

  /** The visitor's post and the bot's turn on it, one turn of the conversation ({@link DirectLineBotAdapter.processPost}). */
  private postTurn(claims: TokenClaims, activity: Partial<Activity>): Promise<PostResult> {
    const post = (): Promise<PostResult> => this.deps.conversations.post(claims.conversationId, claims.userId, activity, this.deps.clock.now());
    return this.deps.inFlight.track(this.deps.adapter.processPost(claims.conversationId, post, (context) => this.deps.bot.run(context)));
  }

  private runTurn(activity: Partial<Activity>): Promise<void> {
    return this.deps.inFlight.track(this.deps.adapter.processActivity(activity, (context) => this.deps.bot.run(context)));
  }

  private checkToken(token: string, scope: TokenClaims['scope'], conversationId?: string): DirectLineResult<TokenClaims> {
    const checked = this.deps.signer.verify(token, this.deps.clock.now());
    if (checked.kind === 'invalid') {
      return checked.reason === 'expired' ? failure(403, 'TokenExpired', 'Token expired') : failure(403, 'Forbidden', 'Invalid token');
    }
    if (checked.claims.scope !== scope) return failure(403, 'Forbidden', 'Token not valid for this operation');
    if (conversationId !== undefined && checked.claims.conversationId !== conversationId) {
      return failure(403, 'Forbidden', 'Token not valid for this conversation');
    }
    return ok(checked.claims);
  }

  private checkConversation(conversationId: string): DirectLineError | undefined {
    const taken = this.conversationLimiter.take(conversationId, this.deps.clock.now());
    if (taken.kind === 'limited') return failure(429, 'TooManyRequests', 'Too many requests in this conversation', taken.retryAfterSeconds);
    return undefined;
  }

  private conversationBody(claims: TokenClaims, origin: Origin, watermark?: number): ConversationBody {
    const now = this.deps.clock.now();
    const { token, expiresIn } = this.deps.signer.sign(claims.conversationId, claims.userId, 'conversation', now);
    const stream = this.deps.signer.sign(claims.conversationId, claims.userId, 'stream', now);
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
      timestamp: new Date(this.deps.clock.now()),
    };
  }
}
