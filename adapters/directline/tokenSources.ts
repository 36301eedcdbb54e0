import { randomBytes } from 'node:crypto';
import type { DirectLineService } from './DirectLineService.js';
import type { DirectLineResult, ErrorLog } from './results.js';

/** Azure's token endpoint; the secret is sent from the server only. */
export const AZURE_DIRECT_LINE_TOKEN_URL = 'https://directline.botframework.com/v3/directline/tokens/generate';
/** How long the page waits, at most, for Azure to issue a token. */
export const AZURE_TOKEN_TIMEOUT_MS = 10_000;

/** What the page receives to start Web Chat. `domain` is absent when the page must talk to Azure. */
export interface PageToken {
  readonly conversationId: string;
  readonly token: string;
  readonly expires_in: number;
  readonly userId: string;
  readonly domain?: string;
}

/**
 * Where the page gets its Direct Line token.
 * Implementations: `BuiltInTokenSource` (this server's endpoint), `AzureDirectLineTokenSource`.
 */
export interface TokenSource {
  readonly kind: 'built-in' | 'azure';
  issue(): Promise<DirectLineResult<PageToken>>;
}

export class BuiltInTokenSource implements TokenSource {
  readonly kind = 'built-in';

  constructor(private readonly service: DirectLineService, private readonly domain: string) {}

  async issue(): Promise<DirectLineResult<PageToken>> {
    return { kind: 'ok', status: 200, body: { ...this.service.issueToken(), domain: this.domain } };
  }
}

export type FetchLike = (url: string, init: { method: string; headers: Record<string, string>; body: string; signal: AbortSignal }) => Promise<{
  readonly ok: boolean;
  readonly status: number;
  json(): Promise<unknown>;
}>;

/** Exchanges `DIRECT_LINE_SECRET` for a conversation token at Azure, so the secret never reaches the browser. */
export class AzureDirectLineTokenSource implements TokenSource {
  readonly kind = 'azure';

  constructor(
    private readonly secret: string,
    private readonly fetchImpl: FetchLike,
    private readonly log: ErrorLog,
    private readonly url: string = AZURE_DIRECT_LINE_TOKEN_URL,
  ) {}

  async issue(): Promise<DirectLineResult<PageToken>> {
    // Azure's enhanced authentication requires user ids prefixed with "dl_".
    const userId = `dl_${randomBytes(16).toString('base64url')}`;
    let response: Awaited<ReturnType<FetchLike>>;
    try {
      response = await this.fetchImpl(this.url, {
        method: 'POST',
        headers: { Authorization: `Bearer ${this.secret}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ user: { id: userId } }),
        signal: AbortSignal.timeout(AZURE_TOKEN_TIMEOUT_MS),
      });
    } catch (cause) {
      return this.fail(`Azure Direct Line is unreachable (${cause instanceof Error ? cause.name : 'error'})`, errorNames(cause));
    }
    if (!response.ok) return this.fail(`Azure Direct Line refused the token request (HTTP ${response.status})`);
    const body: unknown = await response.json().catch(() => undefined);
    if (typeof body !== 'object' || body === null || !('token' in body) || !('conversationId' in body)) {
      return this.fail('Azure Direct Line answered without a token');
    }
    const { token, conversationId } = body;
    const expiresIn = 'expires_in' in body && typeof body.expires_in === 'number' ? body.expires_in : 3600;
    if (typeof token !== 'string' || typeof conversationId !== 'string') return this.fail('Azure Direct Line answered without a token');
    return { kind: 'ok', status: 200, body: { conversationId, token, expires_in: expiresIn, userId } };
  }

  /** Every page load fails the same way until the operator acts (wrong secret, no egress): say so in the log. */
  private fail(message: string, causes?: string): DirectLineResult<PageToken> {
    this.log.error({ ...(causes !== undefined && { causes }) }, `AzureDirectLineTokenSource.issue: ${message}`);
    return { kind: 'error', status: 502, code: 'UpstreamError', message };
  }
}

/** Names and codes of an error and its causes (`TypeError ← Error ENOTFOUND`): messages could quote the request, which holds the secret. */
function errorNames(error: unknown): string {
  const names: string[] = [];
  for (let current = error; current instanceof Error && names.length < 3; current = current.cause) {
    const code = 'code' in current && typeof current.code === 'string' ? ` ${current.code}` : '';
    names.push(`${current.name}${code}`);
  }
  return names.join(' ← ');
}
