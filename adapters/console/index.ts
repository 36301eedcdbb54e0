/** The curators' console (/console): built from the configuration, or off when no sign-in is configured. */
import type { Server } from 'restify';
import type { FeedbackStore, QuestionLogStore } from '../../bot/index.js';
import type { Retriever } from '../../embeddings/index.js';
import type { KnowledgeBase } from '../../knowledge/index.js';
import type { Clock } from '../clock.js';
import type { ConsoleConfig } from '../config.js';
import { ConsoleAssets } from './ConsoleAssets.js';
import { ConsoleAuth } from './ConsoleAuth.js';
import { registerConsoleRoutes } from './consoleRoutes.js';
import { clusterWithBotAnalysis, proposalsFromLog } from './curationTools.js';
import type { CurationStore } from './CurationStore.js';
import { LocalAccount } from './LocalAccount.js';
import { OidcSignIn } from './OidcSignIn.js';
import { SessionCodec } from './SessionCodec.js';

export { SESSION_COOKIE } from './ConsoleAuth.js';
export type { CurationDecision, CurationStatus, CurationStore } from './CurationStore.js';
export { toCsv, csvCell } from './csv.js';
export { wilsonInterval, buildOverview } from './overview.js';

export interface ConsoleDeps {
  readonly config: ConsoleConfig;
  readonly clock: Clock;
  readonly log: { info(obj: object, msg?: string): void; warn(obj: object, msg?: string): void };
  readonly questionLog: QuestionLogStore;
  readonly feedbackStore: FeedbackStore;
  readonly curation: CurationStore;
  readonly knowledgeBase: KnowledgeBase;
  readonly kbDir: string;
  /** The bot's retriever: clusters get their nearest entry from it. */
  readonly retriever: Retriever;
  /**
   * The server's token key: the session key is derived from it when
   * CONSOLE_SESSION_SECRET is unset (right for one instance; several
   * instances share CONSOLE_SESSION_SECRET, or DIRECT_LINE_TOKEN_SECRET).
   */
  readonly tokenKey: Buffer;
}

/** Registers the console's routes on a server. */
export type ConsoleRegistrar = (server: Server) => void;

/** The console's routes, or undefined when neither a local password nor OIDC is configured (then /console is 404). */
export async function createConsole(deps: ConsoleDeps): Promise<ConsoleRegistrar | undefined> {
  const { config } = deps;
  if (!config.enabled) return undefined;
  const codec = new SessionCodec(config.sessionSecret !== undefined ? Buffer.from(config.sessionSecret, 'utf8') : deps.tokenKey);
  const localAccount = config.adminPassword !== undefined ? await LocalAccount.create(config.adminUser, config.adminPassword) : undefined;
  const oidc = config.oidc !== undefined ? await OidcSignIn.create(config.oidc, config.allowedEmails) : undefined;
  const auth = new ConsoleAuth({ codec, clock: deps.clock, localAccount, oidc, publicUrl: config.publicUrl, log: deps.log });
  const assets = await ConsoleAssets.create();
  return (server) =>
    registerConsoleRoutes(server, {
      auth, assets, questionLog: deps.questionLog, feedbackStore: deps.feedbackStore, curation: deps.curation, knowledgeBase: deps.knowledgeBase, kbDir: deps.kbDir, clock: deps.clock,
      clusterUnanswered: clusterWithBotAnalysis({ retriever: deps.retriever, kb: deps.knowledgeBase }),
      deriveProposals: proposalsFromLog(deps.knowledgeBase.entries), log: deps.log,
    });
}
