import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Request, Response } from 'restify';
import type { Clock } from '../clock.js';
import { RateLimiter } from '../directline/index.js';
import { addCookie, cookieHeader, isSecureRequest, originOf, parseCookies, readForm } from './consoleHttp.js';
import type { LocalAccount } from './LocalAccount.js';
import type { OidcFlow, OidcSignIn } from './OidcSignIn.js';
import { loginPage } from './pages/loginPage.js';
import { sendHtml } from './pages/html.js';
import { SESSION_TTL_MS, type ConsoleSession, type SessionCodec } from './SessionCodec.js';

export const SESSION_COOKIE = 'console_session';
const PRE_COOKIE = 'console_pre';
const OIDC_COOKIE = 'console_oidc';
/** Time allowed at the provider between the redirect and the callback. */
const OIDC_FLOW_TTL_MS = 10 * 60 * 1000;
/** Sign-in attempts: 5 at once per client address, then one a minute; 10 per user name across addresses. */
export const SIGN_IN_PER_ADDRESS = { capacity: 5, refillPerSecond: 1 / 60 };
export const SIGN_IN_PER_USER = { capacity: 10, refillPerSecond: 1 / 60 };

export interface ConsoleAuthOptions {
  readonly codec: SessionCodec;
  readonly clock: Clock;
  readonly localAccount?: LocalAccount;
  readonly oidc?: OidcSignIn;
  readonly publicUrl?: string;
  /** Sign-in events, without secrets. */
  readonly log: { info(obj: object, msg?: string): void; warn(obj: object, msg?: string): void };
}

/** The console's sign-in: local account form, OIDC redirect and callback, sign-out; and who a request is. */
export class ConsoleAuth {
  private readonly perAddress = new RateLimiter(SIGN_IN_PER_ADDRESS);
  private readonly perUser = new RateLimiter(SIGN_IN_PER_USER);

  constructor(private readonly options: ConsoleAuthOptions) {}

  /** The signed-in curator, if the request carries a valid session cookie. */
  session(req: IncomingMessage): ConsoleSession | undefined {
    return this.options.codec.session(parseCookies(req.headers.cookie).get(SESSION_COOKIE), this.options.clock.now());
  }

  csrfToken(session: ConsoleSession): string {
    return this.options.codec.csrfToken(session.sid);
  }

  checkCsrf(session: ConsoleSession, token: string | null): boolean {
    return this.options.codec.checkCsrf(session.sid, token);
  }

  loginForm = async (req: Request, res: Response): Promise<void> => {
    if (this.session(req)) return redirect(res, '/console');
    this.showLogin(req, res, 200);
  };

  login = async (req: Request, res: Response): Promise<void> => {
    const { localAccount, codec, clock, log } = this.options;
    if (!localAccount) return sendHtml(res, 404, 'Not found');
    const form = await readForm(req);
    if (form.kind === 'refused') return sendHtml(res, form.status, 'Formulaire refusé');
    const pre = this.preSession(req);
    if (pre === undefined || !codec.checkCsrf(pre, form.form.get('_csrf'))) return this.showLogin(req, res, 403, 'La page a expiré : veuillez réessayer.');
    const username = form.form.get('username') ?? '';
    const now = clock.now();
    this.perAddress.sweep(now);
    this.perUser.sweep(now);
    const limited = [this.perAddress.take(req.socket.remoteAddress ?? 'unknown', now), this.perUser.take(username.toLowerCase(), now)].find((r) => r.kind === 'limited');
    if (limited?.kind === 'limited') {
      res.setHeader('Retry-After', String(limited.retryAfterSeconds));
      log.warn({}, 'console sign-in rate-limited');
      return this.showLogin(req, res, 429, 'Trop de tentatives : réessayez dans quelques minutes.');
    }
    if (!(await localAccount.verify(username, form.form.get('password') ?? ''))) {
      log.warn({}, 'console sign-in refused');
      return this.showLogin(req, res, 401, 'Identifiant ou mot de passe incorrect.');
    }
    this.startSession(req, res, codec.newSession(username, 'local', now));
  };

  oidcStart = async (req: Request, res: Response): Promise<void> => {
    const { oidc, codec, clock } = this.options;
    if (!oidc) return sendHtml(res, 404, 'Not found');
    const { url, flow } = await oidc.start(this.redirectUri(req));
    addCookie(res, cookieHeader(OIDC_COOKIE, codec.seal('oidc', { ...flow, exp: clock.now() + OIDC_FLOW_TTL_MS }), this.cookieOptions(req, OIDC_FLOW_TTL_MS)));
    redirect(res, url, 302);
  };

  oidcCallback = async (req: Request, res: Response): Promise<void> => {
    const { oidc, codec, clock, log } = this.options;
    if (!oidc) return sendHtml(res, 404, 'Not found');
    const flow = codec.open('oidc', parseCookies(req.headers.cookie).get(OIDC_COOKIE));
    addCookie(res, cookieHeader(OIDC_COOKIE, '', { ...this.cookieOptions(req, 0) }));
    if (!isFlow(flow) || flow.exp <= clock.now()) return this.showLogin(req, res, 403, 'La connexion a expiré : veuillez réessayer.');
    const result = await oidc.finish(new URL(req.url ?? '/', this.redirectUri(req)), flow);
    if (result.kind === 'refused') {
      log.warn({ reason: result.reason }, 'console OIDC sign-in refused');
      return this.showLogin(req, res, 403, 'Connexion refusée : ce compte n’a pas accès à la console.');
    }
    this.startSession(req, res, codec.newSession(result.email, 'oidc', clock.now()));
  };

  logout = async (req: Request, res: Response): Promise<void> => {
    addCookie(res, cookieHeader(SESSION_COOKIE, '', this.cookieOptions(req, 0)));
    redirect(res, '/console/login');
  };

  private startSession(req: Request, res: Response, session: ConsoleSession): void {
    this.options.log.info({ method: session.method }, 'console sign-in');
    addCookie(res, cookieHeader(SESSION_COOKIE, this.options.codec.seal('session', session), this.cookieOptions(req, SESSION_TTL_MS)));
    addCookie(res, cookieHeader(PRE_COOKIE, '', this.cookieOptions(req, 0)));
    redirect(res, '/console');
  }

  /** The sign-in form, with a fresh pre-session cookie its CSRF token is bound to. */
  private showLogin(req: Request, res: Response, status: number, error?: string): void {
    const pre = randomBytes(16).toString('base64url');
    addCookie(res, cookieHeader(PRE_COOKIE, this.options.codec.seal('pre', { pre }), this.cookieOptions(req, OIDC_FLOW_TTL_MS)));
    const page = loginPage({ csrf: this.options.codec.csrfToken(pre), localAccount: this.options.localAccount !== undefined, oidc: this.options.oidc !== undefined, error });
    sendHtml(res, status, page);
  }

  private preSession(req: IncomingMessage): string | undefined {
    const value = this.options.codec.open('pre', parseCookies(req.headers.cookie).get(PRE_COOKIE));
    return typeof value === 'object' && value !== null && 'pre' in value && typeof value.pre === 'string' ? value.pre : undefined;
  }

  private redirectUri(req: IncomingMessage): string {
    return `${originOf(req, this.options.publicUrl)}/console/oidc/callback`;
  }

  private cookieOptions(req: IncomingMessage, ttlMs: number): { secure: boolean; maxAgeSeconds: number } {
    return { secure: isSecureRequest(req, this.options.publicUrl), maxAgeSeconds: Math.floor(ttlMs / 1000) };
  }
}

export function redirect(res: Response, location: string, status = 303): void {
  res.writeHead(status, { Location: location, 'Cache-Control': 'no-store' });
  res.end();
}

function isFlow(value: unknown): value is OidcFlow & { exp: number } {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.state === 'string' && typeof v.nonce === 'string' && typeof v.verifier === 'string' && typeof v.exp === 'number';
}
