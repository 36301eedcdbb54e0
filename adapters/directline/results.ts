import type { TurnContext } from 'botbuilder';

/** The part of a pino logger the endpoint uses. */
export interface ServiceLog {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
}

/** The part of a logger that only reports failures. */
export type ErrorLog = Pick<ServiceLog, 'error'>;

/** The bot's turn handler (botbuilder's ActivityHandler satisfies it). */
export interface TurnHandler {
  run(context: TurnContext): Promise<void>;
}

/** A refused request: HTTP status, Direct Line error code and message, and Retry-After for 429. */
export interface DirectLineError {
  readonly kind: 'error';
  readonly status: 400 | 401 | 403 | 404 | 413 | 429 | 502 | 503;
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

export const failure = (status: DirectLineError['status'], code: string, message: string, retryAfterSeconds?: number): DirectLineError => ({
  kind: 'error', status, code, message, ...(retryAfterSeconds !== undefined && { retryAfterSeconds }),
});
export const ok = <T>(body: T, status: 200 | 201 = 200): DirectLineResult<T> => ({ kind: 'ok', status, body });

/** A watermark from the query string: absent, or the absolute number of activities the client has seen. */
export function parseWatermark(watermark: string | undefined): DirectLineResult<number | undefined> {
  if (watermark === undefined || watermark === '') return ok(undefined);
  if (!/^\d{1,15}$/.test(watermark)) return failure(400, 'BadArgument', 'watermark must be a non-negative integer');
  return ok(Number(watermark));
}

/** Every conversation slot is taken by a recently active one: the visitor is told to come back later. */
export function tooManyConversations(): DirectLineError {
  return failure(503, 'ServiceUnavailable', 'Too many open conversations, try again later');
}
