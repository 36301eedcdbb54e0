/** The console's part of loadConfig: local account, OIDC, allowed emails, session key. Pure, like loadConfig. */

/** The curators' console (/console): off unless a local password or OIDC is configured. */
export interface ConsoleConfig {
  readonly enabled: boolean;
  readonly adminUser: string;
  readonly adminPassword?: string;
  readonly oidc?: OidcConfig;
  /** Who may sign in through OIDC: full addresses, or `@domain` for a whole domain. */
  readonly allowedEmails: readonly string[];
  /** Key of the session cookies (HMAC); derived from the token key when unset (one instance). */
  readonly sessionSecret?: string;
  /** Public base URL of the server (OIDC redirect URI, Secure cookies); the request's own host when unset. */
  readonly publicUrl?: string;
}

/** An OpenID Connect provider (ProConnect or any other). */
export interface OidcConfig {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret?: string;
  readonly scopes: string;
  /** `acr_values` asked for (ProConnect: e.g. eidas1); none when unset. */
  readonly acrValues?: string;
}

/** Shortest local password accepted: the sign-in form is on the Internet. */
export const MIN_ADMIN_PASSWORD_LENGTH = 12;
export const MIN_SESSION_SECRET_LENGTH = 32;
/** openid + email: enough to check the address against CONSOLE_ALLOWED_EMAILS. */
export const DEFAULT_OIDC_SCOPES = 'openid email';

export function loadConsoleConfig(str: (name: string) => string | undefined, problems: string[]): ConsoleConfig {
  const adminPassword = str('CONSOLE_ADMIN_PASSWORD');
  if (adminPassword !== undefined && adminPassword.length < MIN_ADMIN_PASSWORD_LENGTH) {
    problems.push(`CONSOLE_ADMIN_PASSWORD must be at least ${MIN_ADMIN_PASSWORD_LENGTH} characters`);
  }
  const issuer = str('OIDC_ISSUER');
  const clientId = str('OIDC_CLIENT_ID');
  const clientSecret = str('OIDC_CLIENT_SECRET');
  if ((clientId !== undefined || clientSecret !== undefined) && issuer === undefined) problems.push('OIDC_ISSUER is required when OIDC_CLIENT_ID or OIDC_CLIENT_SECRET is set');
  if (issuer !== undefined && !isHttpUrl(issuer)) problems.push(`OIDC_ISSUER must be an http(s) URL (got "${issuer}")`);
  if (issuer !== undefined && clientId === undefined) problems.push('OIDC_CLIENT_ID is required when OIDC_ISSUER is set');
  const allowedEmails = (str('CONSOLE_ALLOWED_EMAILS') ?? '').split(/[,;\s]+/).filter((item) => item !== '').map((item) => item.toLowerCase());
  for (const item of allowedEmails) {
    if (!/^[^@\s]*@[^@\s]+\.[^@\s]+$/.test(item)) problems.push(`CONSOLE_ALLOWED_EMAILS: "${item}" is neither an address nor @domain`);
  }
  // Without a list, anyone with an account at the provider (every State agent, for ProConnect) would get in.
  if (issuer !== undefined && allowedEmails.length === 0) problems.push('CONSOLE_ALLOWED_EMAILS is required with OIDC (addresses, or @domain)');
  const sessionSecret = str('CONSOLE_SESSION_SECRET');
  if (sessionSecret !== undefined && sessionSecret.length < MIN_SESSION_SECRET_LENGTH) {
    problems.push(`CONSOLE_SESSION_SECRET must be at least ${MIN_SESSION_SECRET_LENGTH} characters`);
  }
  const publicUrl = str('CONSOLE_PUBLIC_URL')?.replace(/\/+$/, '');
  if (publicUrl !== undefined && !isHttpUrl(publicUrl)) problems.push(`CONSOLE_PUBLIC_URL must be an http(s) URL (got "${publicUrl}")`);
  const oidc =
    issuer !== undefined && clientId !== undefined
      ? { issuer, clientId, clientSecret, scopes: str('OIDC_SCOPES') ?? DEFAULT_OIDC_SCOPES, acrValues: str('OIDC_ACR_VALUES') }
      : undefined;
  return {
    enabled: adminPassword !== undefined || oidc !== undefined,
    adminUser: str('CONSOLE_ADMIN_USER') ?? 'admin',
    adminPassword,
    oidc,
    allowedEmails,
    sessionSecret,
    publicUrl,
  };
}

function isHttpUrl(value: string): boolean {
  return URL.canParse(value) && ['http:', 'https:'].includes(new URL(value).protocol);
}
