import type { BucketPolicy } from './tokenBucket.js';

/** How often idle conversations and refilled rate-limit buckets are forgotten. */
export const SWEEP_INTERVAL_MS = 60_000;

/** How many conversations the endpoint keeps, for how long, and how many bytes they may hold. */
export interface ConversationLimits {
  /** Activities kept per conversation; older ones are dropped (a client far behind resumes at the oldest kept). */
  readonly maxActivities: number;
  /** Live conversations at once. */
  readonly maxConversations: number;
  /** A conversation with no traffic for this long is forgotten by the sweep. */
  readonly idleMs: number;
  /** A conversation quiet this long, and watched by no stream, may give way to a new one or to memory pressure. */
  readonly evictableIdleMs: number;
  /** Largest activity stored, serialised as JSON (UTF-8). */
  readonly maxActivityBytes: number;
  /** Bytes of activities kept per conversation; the oldest make room for new ones. */
  readonly maxConversationBytes: number;
  /** Bytes held by all conversations (activities plus a fixed overhead each); see MemoryBudget for what gives way. */
  readonly maxTotalBytes: number;
}

/** Everything the built-in Direct Line endpoint bounds. */
export interface DirectLineLimits {
  readonly conversations: ConversationLimits;
  /** Per client IP: token requests, conversation starts, posts and stream opens. */
  readonly ipRate: BucketPolicy;
  /** Per conversation: posts and polls. */
  readonly conversationRate: BucketPolicy;
  /** Live WebSocket streams per conversation (a few browser tabs). */
  readonly maxStreamsPerConversation: number;
}

export const MAX_ACTIVITIES_PER_CONVERSATION = 500;
/** Beyond this, a new conversation replaces an evictable one, or is refused (503) rather than exhausting memory. */
export const MAX_CONVERSATIONS = 10_000;
export const CONVERSATION_IDLE_MS = 60 * 60 * 1000;
/**
 * When the endpoint is full, the conversation idle the longest (and watched by no
 * stream) gives way to a new one if it has been quiet at least this long: someone
 * opening many conversations then pushes out abandoned ones instead of locking every
 * new visitor out until the idle sweep. A visitor whose conversation went away gets it
 * back, with a line saying it restarted, on their next request.
 */
export const EVICTABLE_IDLE_MS = 5 * 60 * 1000;
/** A full 64 KiB body plus the identity fields the server adds, with room to spare. */
export const MAX_ACTIVITY_BYTES = 80 * 1024;
export const MAX_CONVERSATION_BYTES = 512 * 1024;
export const MAX_TOTAL_CONVERSATION_BYTES = 64 * 1024 * 1024;
export const IP_RATE_POLICY: BucketPolicy = Object.freeze({ capacity: 120, refillPerSecond: 4 });
/** Web Chat polls once a second when WebSockets are unavailable. */
export const CONVERSATION_RATE_POLICY: BucketPolicy = Object.freeze({ capacity: 30, refillPerSecond: 3 });
export const MAX_STREAMS_PER_CONVERSATION = 3;

export const DEFAULT_CONVERSATION_LIMITS: ConversationLimits = Object.freeze({
  maxActivities: MAX_ACTIVITIES_PER_CONVERSATION,
  maxConversations: MAX_CONVERSATIONS,
  idleMs: CONVERSATION_IDLE_MS,
  evictableIdleMs: EVICTABLE_IDLE_MS,
  maxActivityBytes: MAX_ACTIVITY_BYTES,
  maxConversationBytes: MAX_CONVERSATION_BYTES,
  maxTotalBytes: MAX_TOTAL_CONVERSATION_BYTES,
});

export const DEFAULT_DIRECT_LINE_LIMITS: DirectLineLimits = Object.freeze({
  conversations: DEFAULT_CONVERSATION_LIMITS,
  ipRate: IP_RATE_POLICY,
  conversationRate: CONVERSATION_RATE_POLICY,
  maxStreamsPerConversation: MAX_STREAMS_PER_CONVERSATION,
});
