import type { ConversationLimits, DirectLineLimits } from '../../../adapters/directline/index.js';
import type { JsonBodyLimits } from '../../../adapters/http/jsonBody.js';
import type { HttpTimeouts } from '../../../adapters/http/serverTimeouts.js';
import { DEFAULT_SERVER_LIMITS, type ServerLimits } from '../../../adapters/serverLimits.js';

/** Changes to the production limits, field by field. */
export interface LimitChanges {
  readonly http?: Partial<HttpTimeouts>;
  readonly botFrameworkBody?: Partial<JsonBodyLimits>;
  readonly directLineBody?: Partial<JsonBodyLimits>;
  readonly directLine?: Partial<Omit<DirectLineLimits, 'conversations'>>;
  readonly conversations?: Partial<ConversationLimits>;
}

/** The production limits with a few changed, so a test reaches a limit in a few requests. */
export function limitsWith(changes: LimitChanges): ServerLimits {
  const base = DEFAULT_SERVER_LIMITS;
  return {
    http: { ...base.http, ...changes.http },
    botFrameworkBody: { ...base.botFrameworkBody, ...changes.botFrameworkBody },
    directLineBody: { ...base.directLineBody, ...changes.directLineBody },
    directLine: {
      ...base.directLine,
      ...changes.directLine,
      conversations: { ...base.directLine.conversations, ...changes.conversations },
    },
  };
}
