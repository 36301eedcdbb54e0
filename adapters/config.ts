/**
 * The one place that reads configuration. `loadConfig` is pure: it takes an
 * environment map, validates every variable, reports every problem at once and
 * returns a frozen typed object. Entry points call it before anything listens.
 */

import { isIP } from 'node:net';
import { join } from 'node:path';
import { DEFAULT_ANSWER_MAX_AGE_MONTHS } from '../bot/index.js';
import { loadConsoleConfig, type ConsoleConfig } from './consoleConfig.js';
import { databaseConfig, type DatabaseConfig } from './databaseConfig.js';

export type { ConsoleConfig, OidcConfig } from './consoleConfig.js';
export { DEFAULT_DATABASE_POOL_SIZE, type DatabaseConfig } from './databaseConfig.js';

export type EmbeddingsProviderChoice = 'auto' | 'transformers' | 'use-lite' | 'none';
export type MicrosoftAppType = 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';

/** The validated, frozen configuration; only {@link loadConfig} builds it. */
export interface AppConfig {
  readonly port: number;
  readonly host: string;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly kbDir: string;
  /** Folder of the server's own files (token key; feedback database and index by default). */
  readonly dataDir: string;
  readonly indexDir: string;
  readonly embeddings: {
    readonly provider: EmbeddingsProviderChoice;
    /** Hub id of the transformers.js model. */
    readonly model: string;
    /** Local folder holding the model files (offline use); wins over `model` when set. */
    readonly modelDir?: string;
    readonly cacheDir: string;
    /** Whether transformers.js may download from the hub. */
    readonly allowRemote: boolean;
  };
  readonly feedbackDb: string;
  readonly microsoftApp: {
    readonly id?: string;
    readonly password?: string;
    readonly type: MicrosoftAppType;
    readonly tenantId?: string;
  };
  /** Without an app id, opens /api/messages to the Bot Framework Emulator on this machine (local development only). */
  readonly emulatorEnabled: boolean;
  readonly directLine: {
    /** Azure Direct Line secret: when set, the page gets tokens from Azure instead of the built-in endpoint. */
    readonly secret?: string;
    /** Key that signs the built-in endpoint's tokens. When unset, one is generated once into the data folder. */
    readonly tokenSecret?: string;
  };
  /** Salt for hashing user and conversation ids in logs and feedback. */
  readonly idHashSalt: string;
  /** Public host name of the bot, for the Teams manifest's validDomains. */
  readonly botDomain?: string;
  /** SQLite file of the question log the console reads, and of its decisions (unused with `database`: PostgreSQL tables). */
  readonly questionLogDb: string;
  /** Days after which the free text of logged questions and comments is emptied. */
  readonly retentionDays: number;
  readonly console: ConsoleConfig;
  /** Months after an entry's `reviewed` date when its answer says it may be out of date; 0 turns the notice off. */
  readonly answerMaxAgeMonths: number;
  /**
   * PostgreSQL shared by several instances (`DATABASE_URL`). When absent, the embedded default
   * (SQLite and memory) is used and nothing else is needed.
   */
  readonly database?: DatabaseConfig;
  /**
   * Addresses of the reverse proxies whose `X-Forwarded-For` is believed (`TRUSTED_PROXIES`): the per-client
   * rate limits then count the visitor's address instead of the proxy's.
   */
  readonly trustedProxies: readonly string[];
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n - ${problems.join('\n - ')}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const PROVIDERS = ['auto', 'transformers', 'use-lite', 'none'] as const;
const APP_TYPES = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'] as const;
const DEFAULT_MODEL = 'Xenova/multilingual-e5-small';
/** Public default salt: fine on a developer's machine, guessable in production (see main.ts's warning). */
export const DEFAULT_ID_HASH_SALT = 'ans-faq-bot';
/** Free text of the question log is kept this many days by default. */
export const DEFAULT_RETENTION_DAYS = 180;

type Env = Readonly<Record<string, string | undefined>>;

/** What the configuration is loaded for; each purpose requires different variables. */
export type ConfigPurpose = 'server' | 'teams-package' | 'store-tool';

/** How {@link loadConfig} validates: which variables the purpose requires. */
export interface LoadConfigOptions {
  /**
   * `server` (default): what the running bot needs (an app id needs its password).
   * `teams-package`: what `npm run teams:package` needs: `MicrosoftAppId` and `BOT_DOMAIN`
   * are required, secrets are not (packaging never authenticates).
   * `store-tool`: what a command reading or filling the configured stores needs (`npm run feedback`,
   * `npm run console:seed`): `DATABASE_URL` without the server's multi-instance secrets (it signs no token).
   */
  readonly purpose?: ConfigPurpose;
}

export function loadConfig(env: Env, options: LoadConfigOptions = {}): AppConfig {
  const purpose = options.purpose ?? 'server';
  const problems: string[] = [];
  const str = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value ? value : undefined;
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const value = str(name);
    if (value === undefined) return fallback;
    const match = allowed.find((candidate) => candidate === value);
    if (match !== undefined) return match;
    problems.push(`${name} must be one of ${allowed.join(', ')} (got "${value}")`);
    return fallback;
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const value = str(name)?.toLowerCase();
    if (value === undefined) return fallback;
    if (['1', 'true', 'yes'].includes(value)) return true;
    if (['0', 'false', 'no'].includes(value)) return false;
    problems.push(`${name} must be true or false (got "${value}")`);
    return fallback;
  };

  const portText = str('PORT');
  let port = 3978;
  if (portText !== undefined) {
    port = Number(portText);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      problems.push(`PORT must be an integer from 0 to 65535 (got "${portText}")`);
    }
  }

  const appId = str('MicrosoftAppId');
  const appPassword = str('MicrosoftAppPassword');
  const appType = oneOf('MicrosoftAppType', APP_TYPES, 'MultiTenant');
  const tenantId = str('MicrosoftAppTenantId');
  if (purpose === 'teams-package' && !appId) {
    problems.push('MicrosoftAppId is required to build the Teams app package (the Azure Bot\'s app id)');
  }
  if (purpose === 'server' && appId && appType !== 'UserAssignedMSI' && !appPassword) {
    problems.push('MicrosoftAppPassword is required when MicrosoftAppId is set');
  }
  if (purpose === 'server' && appType === 'SingleTenant' && !tenantId) {
    problems.push('MicrosoftAppTenantId is required when MicrosoftAppType is SingleTenant');
  }
  if (appId && !/^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i.test(appId)) {
    problems.push(`MicrosoftAppId must be a GUID (got "${appId}")`);
  }

  const emulatorEnabled = bool('EMULATOR_ENABLED', false);
  if (purpose === 'server' && emulatorEnabled && appId) {
    problems.push('EMULATOR_ENABLED must not be set with MicrosoftAppId: /api/messages then always requires Bot Framework tokens');
  }

  const tokenSecret = str('DIRECT_LINE_TOKEN_SECRET');
  if (tokenSecret !== undefined && tokenSecret.length < 32) {
    problems.push('DIRECT_LINE_TOKEN_SECRET must be at least 32 characters');
  }
  const botDomain = str('BOT_DOMAIN');
  if (purpose === 'teams-package' && botDomain === undefined) {
    problems.push('BOT_DOMAIN is required to build the Teams app package (public host name of the bot, e.g. bot.example.fr)');
  }
  if (botDomain !== undefined && !/^[a-z0-9.-]+$/i.test(botDomain)) {
    problems.push(`BOT_DOMAIN must be a bare host name such as bot.example.fr (got "${botDomain}")`);
  }

  const retentionText = str('RETENTION_DAYS');
  const retentionDays = retentionText === undefined ? DEFAULT_RETENTION_DAYS : Number(retentionText);
  if (!Number.isInteger(retentionDays) || retentionDays < 1) problems.push(`RETENTION_DAYS must be a whole number of days, at least 1 (got "${retentionText}")`);
  const consoleConfig = loadConsoleConfig(str, problems);
  const maxAgeText = str('ANSWER_MAX_AGE_MONTHS');
  let answerMaxAgeMonths = DEFAULT_ANSWER_MAX_AGE_MONTHS;
  if (maxAgeText !== undefined) {
    answerMaxAgeMonths = Number(maxAgeText);
    if (!/^\d+$/.test(maxAgeText) || answerMaxAgeMonths > 1200) {
      problems.push(`ANSWER_MAX_AGE_MONTHS must be a whole number of months from 0 (never) to 1200 (got "${maxAgeText}")`);
    }
  }

  const idHashSalt = str('ID_HASH_SALT') ?? DEFAULT_ID_HASH_SALT;
  const database = databaseConfig(str('DATABASE_URL'), str('DATABASE_POOL_SIZE'), str('DATABASE_SCHEMA'), problems);
  if (database && purpose === 'server') {
    // Several instances must accept each other's tokens and hash ids alike; a generated key or the public salt would not.
    if (tokenSecret === undefined) problems.push('DIRECT_LINE_TOKEN_SECRET must be set explicitly with DATABASE_URL (every instance signs and checks tokens with it)');
    if (idHashSalt === DEFAULT_ID_HASH_SALT) problems.push('ID_HASH_SALT must be set to your own secret value with DATABASE_URL (not the public default)');
  }
  const trustedProxies = (str('TRUSTED_PROXIES') ?? '').split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  for (const proxy of trustedProxies) {
    if (isIP(proxy) === 0) problems.push(`TRUSTED_PROXIES must be a comma-separated list of IP addresses (got "${proxy}")`);
  }

  const dataDir = str('DATA_DIR') ?? 'data';
  const config: AppConfig = {
    port,
    host: str('HOST') ?? '127.0.0.1',
    logLevel: oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    kbDir: str('KB_DIR') ?? 'knowledge/data',
    dataDir,
    indexDir: str('INDEX_DIR') ?? join(dataDir, 'index'),
    embeddings: {
      provider: oneOf('EMBEDDINGS_PROVIDER', PROVIDERS, 'auto'),
      model: str('EMBEDDINGS_MODEL') ?? DEFAULT_MODEL,
      modelDir: str('EMBEDDINGS_MODEL_DIR'),
      cacheDir: str('EMBEDDINGS_CACHE_DIR') ?? '.cache/models',
      allowRemote: bool('EMBEDDINGS_ALLOW_REMOTE', true),
    },
    feedbackDb: str('FEEDBACK_DB') ?? join(dataDir, 'feedback.db'),
    microsoftApp: { id: appId, password: appPassword, type: appType, tenantId },
    emulatorEnabled,
    directLine: { secret: str('DIRECT_LINE_SECRET'), tokenSecret },
    idHashSalt,
    botDomain,
    questionLogDb: str('QUESTION_LOG_DB') ?? join(dataDir, 'questions.db'),
    retentionDays,
    console: consoleConfig,
    answerMaxAgeMonths,
    ...(database && { database }),
    trustedProxies,
  };

  if (problems.length > 0) throw new ConfigError(problems);
  return deepFreeze(config);
}

/** Settings that work but should not go to production as they are. Pure; main.ts logs them at start-up. */
export function configWarnings(config: AppConfig): string[] {
  const warnings: string[] = [];
  const exposed = config.host !== '127.0.0.1' && config.host !== 'localhost' && config.host !== '::1';
  if (exposed && config.idHashSalt === DEFAULT_ID_HASH_SALT) {
    // The default salt is public: hashed ids in logs and feedback could be matched against known ids.
    warnings.push('ID_HASH_SALT is the public default while the server is exposed: set a secret value');
  }
  if (exposed && config.emulatorEnabled) {
    warnings.push('EMULATOR_ENABLED is on while the server is exposed: it is for local development (only direct loopback requests are served)');
  }
  return warnings;
}

function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) {
    if (child && typeof child === 'object') deepFreeze(child);
  }
  return Object.freeze(value);
}
