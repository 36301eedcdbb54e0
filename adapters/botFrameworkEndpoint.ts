import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type Activity, type TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { Request, RequestHandler, Response, Server } from 'restify';
import { channelActivityProblems, isChannelActivity } from './channelActivity.js';
import type { AppConfig } from './config.js';
import { errorBody, sendError } from './http/errorResponses.js';
import { announcesOversizedBody, jsonBodyHandler, type JsonBodyLimits } from './http/jsonBody.js';
import { isDirectLocalRequest, isLoopbackUrl } from './http/peer.js';
import type { InFlight } from './InFlight.js';

/** The Bot Framework authentication botbuilder's CloudAdapter works with. */
export type BotFrameworkAuthentication = ConstructorParameters<typeof CloudAdapter>[0] & {};
type AuthenticateRequestResult = Awaited<ReturnType<BotFrameworkAuthentication['authenticateRequest']>>;

/**
 * Who may use `/api/messages`:
 * - `authenticated`: `MicrosoftAppId` is set; every request needs a valid Bot Framework token (401 otherwise).
 * - `emulator`: no app id and `EMULATOR_ENABLED=true`, for the Bot Framework Emulator on this machine: only direct
 *   loopback peers (no proxy header) whose `serviceUrl` is a loopback URL, so replies never leave the machine.
 * - `closed`: no app id: every request gets 403 before its body is read.
 */
export type BotFrameworkMode = 'authenticated' | 'emulator' | 'closed';

export function botFrameworkMode(config: AppConfig): BotFrameworkMode {
  if (config.microsoftApp.id) return 'authenticated';
  return config.emulatorEnabled ? 'emulator' : 'closed';
}

/** What the start-up log says about `/api/messages`. */
export const BOT_FRAMEWORK_MODE_DESCRIPTIONS: Readonly<Record<BotFrameworkMode, string>> = {
  authenticated: 'app id set: Bot Framework tokens required',
  emulator: 'EMULATOR_ENABLED: no authentication, loopback peers and loopback serviceUrls only (local development)',
  closed: 'closed: no MicrosoftAppId (set EMULATOR_ENABLED=true for the Emulator on this machine)',
};

/** The authentication of `/api/messages`, from the app registration in the configuration. */
export function createBotFrameworkAuthentication(config: AppConfig): BotFrameworkAuthentication {
  return new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.microsoftApp.id,
    MicrosoftAppPassword: config.microsoftApp.password,
    MicrosoftAppType: config.microsoftApp.type,
    MicrosoftAppTenantId: config.microsoftApp.tenantId,
  });
}

/** Why authentication failed: the caller's token (401), the Bot Framework key endpoint (503), or anything else (500). */
export function authenticationFailure(error: unknown): 'unauthorized' | 'unavailable' | 'defect' {
  if (!(error instanceof Error)) return 'defect';
  // botframework-connector's AuthenticationError carries an HTTP status: 401 for the token, 500 when its keys could not be loaded.
  if ('statusCode' in error && typeof error.statusCode === 'number') return error.statusCode >= 500 ? 'unavailable' : 'unauthorized';
  // jsonwebtoken's verification errors reach us unwrapped.
  if (['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError'].includes(error.name)) return 'unauthorized';
  // node-fetch's failures to reach the OpenID metadata or key endpoints (DNS, refused, timeout).
  if (error.name === 'FetchError' || ('code' in error && typeof error.code === 'string' && /^E[A-Z_]+$/.test(error.code))) return 'unavailable';
  return 'defect';
}

/** CloudAdapter running a turn for a request this server has authenticated itself, so it can tell 401 from 503. */
class PreAuthenticatedCloudAdapter extends CloudAdapter {
  runAuthenticated(authentication: AuthenticateRequestResult, activity: Activity, logic: (context: TurnContext) => Promise<void>) {
    return this.processActivity(authentication, activity, logic);
  }
}

export interface BotFrameworkEndpointDeps {
  readonly mode: BotFrameworkMode;
  readonly authentication: BotFrameworkAuthentication;
  readonly bot: { run(context: TurnContext): Promise<void> };
  readonly onTurnError: (context: TurnContext, error: Error) => Promise<void>;
  readonly inFlight: InFlight;
  readonly log: Logger;
  readonly body: JsonBodyLimits;
}

/** Registers `POST /api/messages`, the Bot Framework channel endpoint (Azure Bot Service, Teams, Emulator). */
export function registerBotFrameworkEndpoint(server: Server, deps: BotFrameworkEndpointDeps): void {
  const { mode, log } = deps;
  const adapter = new PreAuthenticatedCloudAdapter(deps.authentication);
  adapter.onTurnError = deps.onTurnError;

  // Before the body is read: a closed endpoint, or a non-local caller in emulator mode, costs nothing.
  const gate: RequestHandler = (req, res, next) => {
    if (mode === 'authenticated' || (mode === 'emulator' && isDirectLocalRequest(req))) {
      next();
      return;
    }
    sendError(res, 403, errorBody(403, 'Forbidden'), announcesOversizedBody(req, deps.body.maxBytes));
    next(false);
  };

  server.post('/api/messages', gate, jsonBodyHandler(deps.body), async (req: Request, res: Response) => {
    const body: unknown = req.body;
    if (!isChannelActivity(body)) {
      sendError(res, 400, { error: { code: 'InvalidActivity', message: channelActivityProblems(body).join('; ') } });
      return;
    }
    if (mode === 'emulator' && !isLoopbackUrl(body.serviceUrl)) {
      sendError(res, 403, { error: { code: 'Forbidden', message: 'In emulator mode, serviceUrl must be a loopback URL' } });
      return;
    }
    let authentication: AuthenticateRequestResult;
    try {
      authentication = await deps.authentication.authenticateRequest(body, String(req.headers.authorization ?? ''));
    } catch (error) {
      const kind = authenticationFailure(error);
      if (kind === 'unauthorized') {
        sendError(res, 401, errorBody(401, 'Unauthorized'));
        return;
      }
      // The cause (often the unreachable Bot Framework key endpoint) is for the operator, never for the caller.
      log.error({ err: error }, 'Bot Framework authentication could not run: /api/messages answers 503');
      sendError(res, kind === 'unavailable' ? 503 : 500, errorBody(kind === 'unavailable' ? 503 : 500, kind === 'unavailable' ? 'ServiceUnavailable' : 'InternalError'));
      return;
    }
    try {
      const invoke = await deps.inFlight.track(adapter.runAuthenticated(authentication, body, (context) => deps.bot.run(context)));
      if (!res.headersSent) res.send(invoke?.status ?? 200, invoke?.body);
    } catch (error) {
      // onTurnError already answered the user when it could; this is its own failure, or the channel being unreachable.
      log.error({ err: error }, 'POST /api/messages: the turn and its error handler failed');
      sendError(res, 500, errorBody(500, 'InternalError'));
    }
  });
}
