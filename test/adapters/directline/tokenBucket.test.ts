import { describe, expect, it } from 'vitest';
import { RateLimiter, takeToken } from '../../../adapters/directline/index.js';

describe('token bucket', () => {
  const policy = { capacity: 3, refillPerSecond: 1 };

  it('allows a burst of `capacity`, then limits with a Retry-After, then refills over time', () => {
    let state = undefined;
    const kinds: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      const result = takeToken(state, policy, 1_000);
      kinds.push(result.kind);
      state = result.state;
    }
    expect(kinds).toEqual(['allowed', 'allowed', 'allowed', 'limited']);
    const limited = takeToken(state, policy, 1_000);
    expect(limited).toMatchObject({ kind: 'limited', retryAfterSeconds: 1 });
    expect(takeToken(limited.state, policy, 2_000).kind).toBe('allowed');
  });

  it('never refills above capacity', () => {
    const first = takeToken(undefined, policy, 0);
    const later = takeToken(first.state, policy, 3_600_000);
    expect(later.state.tokens).toBe(policy.capacity - 1);
  });

  it('keeps keys apart and forgets refilled buckets on sweep', () => {
    const limiter = new RateLimiter({ capacity: 1, refillPerSecond: 1 });
    expect(limiter.take('a', 0).kind).toBe('allowed');
    expect(limiter.take('a', 0).kind).toBe('limited');
    expect(limiter.take('b', 0).kind).toBe('allowed');
    expect(limiter.size).toBe(2);
    limiter.sweep(500);
    expect(limiter.size).toBe(2);
    limiter.sweep(5_000);
    expect(limiter.size).toBe(0);
  });
});
