/** A token bucket: `capacity` requests at once, refilled at `refillPerSecond`. */
export interface BucketPolicy {
  readonly capacity: number;
  readonly refillPerSecond: number;
}

/** One bucket's tokens left at `updatedAtMs`; refills are computed lazily on the next take. */
export interface BucketState {
  readonly tokens: number;
  readonly updatedAtMs: number;
}

export type TakeResult =
  | { readonly kind: 'allowed'; readonly state: BucketState }
  | { readonly kind: 'limited'; readonly state: BucketState; readonly retryAfterSeconds: number };

/** Takes one token from a bucket (a fresh bucket is full). Pure. */
export function takeToken(state: BucketState | undefined, policy: BucketPolicy, nowMs: number): TakeResult {
  const elapsedSeconds = state ? Math.max(0, nowMs - state.updatedAtMs) / 1000 : 0;
  const available = state
    ? Math.min(policy.capacity, state.tokens + elapsedSeconds * policy.refillPerSecond)
    : policy.capacity;
  if (available >= 1) return { kind: 'allowed', state: { tokens: available - 1, updatedAtMs: nowMs } };
  const retryAfterSeconds = Math.max(1, Math.ceil((1 - available) / policy.refillPerSecond));
  return { kind: 'limited', state: { tokens: available, updatedAtMs: nowMs }, retryAfterSeconds };
}

/** Whether a bucket has refilled completely, so forgetting it changes nothing. Pure. */
export function isFull(state: BucketState, policy: BucketPolicy, nowMs: number): boolean {
  return state.tokens + ((nowMs - state.updatedAtMs) / 1000) * policy.refillPerSecond >= policy.capacity;
}

/** Keyed token buckets (per IP, per conversation). Memory stays bounded: full buckets are forgotten by `sweep`. */
export class RateLimiter {
  private readonly buckets = new Map<string, BucketState>();

  constructor(readonly policy: BucketPolicy) {}

  take(key: string, nowMs: number = Date.now()): TakeResult {
    const result = takeToken(this.buckets.get(key), this.policy, nowMs);
    this.buckets.set(key, result.state);
    return result;
  }

  /** Drops buckets that have refilled; called periodically by the owner. */
  sweep(nowMs: number = Date.now()): void {
    for (const [key, state] of this.buckets) {
      if (isFull(state, this.policy, nowMs)) this.buckets.delete(key);
    }
  }

  get size(): number {
    return this.buckets.size;
  }
}
