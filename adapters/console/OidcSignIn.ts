import * as oidc from 'openid-client';
import type { OidcConfig } from '../config.js';
import { isLoopbackUrl } from '../http/peer.js';

/** What the sign-in must remember between the redirect and the callback (kept in a signed cookie). */
export interface OidcFlow {
  readonly state: string;
  readonly nonce: string;
  readonly verifier: string;
}

/** The outcome of a callback: who signed in, or why not (never thrown for what the provider or the browser sent). */
export type OidcResult = { readonly kind: 'ok'; readonly email: string } | { readonly kind: 'refused'; readonly reason: string };

/** Whether `email` is in CONSOLE_ALLOWED_EMAILS (an address, or its `@domain`). Pure. */
export function isAllowedEmail(email: string, allowed: readonly string[]): boolean {
  const address = email.trim().toLowerCase();
  const at = address.lastIndexOf('@');
  if (at < 1) return false;
  return allowed.some((item) => (item.startsWith('@') ? address.slice(at) === item : address === item));
}

/**
 * OpenID Connect sign-in with openid-client, as ProConnect wants it:
 * authorization code flow with PKCE (S256), `state` and `nonce` checked,
 * configurable scopes and `acr_values`; the email comes from the ID token, or
 * from the userinfo endpoint when the ID token has none (ProConnect's case).
 */
export class OidcSignIn {
  private constructor(
    private readonly client: oidc.Configuration,
    private readonly settings: OidcConfig,
    private readonly allowed: readonly string[],
  ) {}

  /** Discovers the provider; a plain-http issuer is accepted on loopback only (development and tests). */
  static async create(settings: OidcConfig, allowed: readonly string[]): Promise<OidcSignIn> {
    const insecure = settings.issuer.startsWith('http:') && isLoopbackUrl(settings.issuer);
    try {
      const client = await oidc.discovery(
        new URL(settings.issuer), settings.clientId, settings.clientSecret, undefined, insecure ? { execute: [oidc.allowInsecureRequests] } : undefined,
      );
      return new OidcSignIn(client, settings, allowed);
    } catch (cause) {
      throw new Error(`OidcSignIn.create: discovery of ${settings.issuer} failed`, { cause });
    }
  }

  /** The provider's authorization URL, and what to keep for the callback. */
  async start(redirectUri: string): Promise<{ url: string; flow: OidcFlow }> {
    const flow = { state: oidc.randomState(), nonce: oidc.randomNonce(), verifier: oidc.randomPKCECodeVerifier() };
    const parameters: Record<string, string> = {
      redirect_uri: redirectUri,
      scope: this.settings.scopes,
      state: flow.state,
      nonce: flow.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(flow.verifier),
      code_challenge_method: 'S256',
    };
    if (this.settings.acrValues !== undefined) parameters.acr_values = this.settings.acrValues;
    return { url: oidc.buildAuthorizationUrl(this.client, parameters).href, flow };
  }

  /** Finishes the flow from the callback URL: code exchange, ID token checks, allowed email. */
  async finish(callbackUrl: URL, flow: OidcFlow): Promise<OidcResult> {
    let email: unknown;
    try {
      const tokens = await oidc.authorizationCodeGrant(this.client, callbackUrl, {
        pkceCodeVerifier: flow.verifier, expectedState: flow.state, expectedNonce: flow.nonce, idTokenExpected: true,
      });
      const claims = tokens.claims();
      email = claims?.email;
      if (email === undefined && claims) email = (await oidc.fetchUserInfo(this.client, tokens.access_token, claims.sub)).email;
    } catch (error) {
      return { kind: 'refused', reason: error instanceof Error ? error.message : 'sign-in failed' };
    }
    if (typeof email !== 'string') return { kind: 'refused', reason: 'the provider gave no email' };
    if (!isAllowedEmail(email, this.allowed)) return { kind: 'refused', reason: 'email not allowed' };
    return { kind: 'ok', email: email.toLowerCase() };
  }
}
