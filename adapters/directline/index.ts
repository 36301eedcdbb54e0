export { HmacTokenSigner, TOKEN_TTL_SECONDS, STREAM_TOKEN_TTL_SECONDS } from './HmacTokenSigner.js';
export type { TokenClaims, TokenCheck, TokenScope, TokenSigner } from './HmacTokenSigner.js';
export { RateLimiter, takeToken } from './tokenBucket.js';
export type { BucketPolicy, BucketState, TakeResult } from './tokenBucket.js';
export { DirectLineConversations, MAX_ACTIVITIES_PER_CONVERSATION, MAX_CONVERSATIONS, CONVERSATION_IDLE_MS, EVICTABLE_IDLE_MS } from './DirectLineConversations.js';
export type { ActivitySet } from './DirectLineConversations.js';
export { DirectLineBotAdapter } from './DirectLineBotAdapter.js';
export {
  DirectLineService, DIRECT_LINE_CHANNEL_ID, IP_RATE_POLICY, CONVERSATION_RATE_POLICY, MAX_STREAMS_PER_CONVERSATION,
} from './DirectLineService.js';
export type { TurnHandler, DirectLineResult, ErrorLog } from './DirectLineService.js';
export { parseClientActivity } from './activityInput.js';
export { registerDirectLineRoutes, MAX_DIRECT_LINE_BODY_BYTES, DIRECT_LINE_BASE } from './directLineRoutes.js';
export { attachDirectLineStream, STREAM_HEARTBEAT_MS } from './directLineStream.js';
export type { LiveStreams } from './directLineStream.js';
export { BuiltInTokenSource, AzureDirectLineTokenSource, AZURE_DIRECT_LINE_TOKEN_URL } from './tokenSources.js';
export type { TokenSource, PageToken, FetchLike } from './tokenSources.js';
