export { HmacTokenSigner, TOKEN_TTL_SECONDS, STREAM_TOKEN_TTL_SECONDS } from './HmacTokenSigner.js';
export type { TokenClaims, TokenCheck, TokenScope, TokenSigner } from './HmacTokenSigner.js';
export { RateLimiter, takeToken } from './tokenBucket.js';
export type { BucketPolicy, BucketState, TakeResult } from './tokenBucket.js';
export {
  DEFAULT_DIRECT_LINE_LIMITS, DEFAULT_CONVERSATION_LIMITS, MAX_ACTIVITIES_PER_CONVERSATION, MAX_CONVERSATIONS, CONVERSATION_IDLE_MS,
  EVICTABLE_IDLE_MS, MAX_ACTIVITY_BYTES, MAX_CONVERSATION_BYTES, MAX_TOTAL_CONVERSATION_BYTES, IP_RATE_POLICY, CONVERSATION_RATE_POLICY,
  MAX_STREAMS_PER_CONVERSATION, SWEEP_INTERVAL_MS,
} from './limits.js';
export type { ConversationLimits, DirectLineLimits } from './limits.js';
export { DirectLineConversations } from './DirectLineConversations.js';
export { MemoryDirectLineStore } from './DirectLineStore.js';
export type { DirectLineStore, DirectLineStoreFactory } from './DirectLineStore.js';
export type { ActivityListener, ActivitySet, AppendResult, PostResult, StartResult } from './DirectLineConversations.js';
export { CONVERSATION_OVERHEAD_BYTES, storedBytes } from './MemoryBudget.js';
export { DirectLineBotAdapter } from './DirectLineBotAdapter.js';
export { DirectLineService, DIRECT_LINE_CHANNEL_ID } from './DirectLineService.js';
export type { DirectLineServiceDeps } from './DirectLineService.js';
export type { TurnHandler, DirectLineResult, DirectLineError, ServiceLog } from './results.js';
export { parseClientActivity, MAX_TEXT_CHARS } from './activityInput.js';
export { registerDirectLineRoutes, DIRECT_LINE_BASE } from './directLineRoutes.js';
export { attachDirectLineStream, STREAM_HEARTBEAT_MS } from './directLineStream.js';
export type { LiveStreams } from './directLineStream.js';
export { BuiltInTokenSource, AzureDirectLineTokenSource, AZURE_DIRECT_LINE_TOKEN_URL } from './tokenSources.js';
export type { TokenSource, PageToken, FetchLike } from './tokenSources.js';
export { directLineTokenKey, TOKEN_KEY_FILE } from './tokenKeyFile.js';
