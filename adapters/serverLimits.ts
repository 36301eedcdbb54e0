import { DEFAULT_DIRECT_LINE_LIMITS, type DirectLineLimits } from './directline/index.js';
import type { JsonBodyLimits } from './http/jsonBody.js';
import { DEFAULT_HTTP_TIMEOUTS, type HttpTimeouts } from './http/serverTimeouts.js';

/**
 * Every bound the server puts on what a client may send, hold or take: one object the
 * composition root passes to the server (production passes {@link DEFAULT_SERVER_LIMITS};
 * a test passes smaller ones to reach a limit quickly). The README states these numbers.
 */
export interface ServerLimits {
  readonly http: HttpTimeouts;
  /** Bodies posted to /api/messages (not stored). */
  readonly botFrameworkBody: JsonBodyLimits;
  /** Bodies posted to the built-in Direct Line endpoint (stored in the conversation). */
  readonly directLineBody: JsonBodyLimits;
  readonly directLine: DirectLineLimits;
}

/** Largest Bot Framework activity accepted on /api/messages, after decompression (Teams cards can be large). */
export const MAX_BOT_BODY_BYTES = 512 * 1024;
/** Largest Direct Line request body, after decompression; a 20,000-character question is 20–60 KB of JSON. */
export const MAX_DIRECT_LINE_BODY_BYTES = 64 * 1024;
/** Nesting of arrays and objects in any JSON body (activities nest a handful of levels). */
export const MAX_JSON_DEPTH = 32;
/** Values in a Bot Framework body: a Teams activity holds about a hundred. */
export const MAX_BOT_JSON_VALUES = 10_000;
/**
 * Values in a Direct Line body: Web Chat's messages hold about thirty. Bounding the count
 * bounds how much more memory than its JSON size a stored activity can take.
 */
export const MAX_DIRECT_LINE_JSON_VALUES = 1_000;

export const DEFAULT_SERVER_LIMITS: ServerLimits = Object.freeze({
  http: DEFAULT_HTTP_TIMEOUTS,
  botFrameworkBody: Object.freeze({ maxBytes: MAX_BOT_BODY_BYTES, maxDepth: MAX_JSON_DEPTH, maxValues: MAX_BOT_JSON_VALUES }),
  directLineBody: Object.freeze({ maxBytes: MAX_DIRECT_LINE_BODY_BYTES, maxDepth: MAX_JSON_DEPTH, maxValues: MAX_DIRECT_LINE_JSON_VALUES }),
  directLine: DEFAULT_DIRECT_LINE_LIMITS,
});
