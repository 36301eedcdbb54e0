/**
 * `npm start`: validates the configuration, loads the KB, builds the retriever, and
 * serves the bot, the web page and the built-in Direct Line endpoint.
 */
import { pino } from 'pino';
import { KnowledgeBaseError } from '../knowledge/index.js';
import { BOT_FRAMEWORK_MODE_DESCRIPTIONS } from './botFrameworkEndpoint.js';
import { systemClock } from './clock.js';
import { ConfigError, configWarnings, loadConfig, type AppConfig } from './config.js';
import { createApp, type App } from './createApp.js';
import { DEFAULT_SERVER_LIMITS } from './serverLimits.js';

async function main(env: NodeJS.ProcessEnv): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }

  const log = pino({
    level: config.logLevel,
    // Belt and braces: these never belong in logs, whatever a caller passes.
    redact: { paths: ['*.authorization', '*.token', '*.secret', '*.password', '*.text'], censor: '[redacted]' },
  });

  // Errors inside a request are answered by the server's own guard; these are the rest.
  process.on('uncaughtException', (err, origin) => {
    // The process state is unknown after this: exit, and let the service manager restart it (visitors' chats resume).
    log.fatal({ err, origin }, 'uncaught exception outside any request: exiting');
    process.exit(1);
  });
  process.on('unhandledRejection', (reason) => {
    // A promise nobody awaited failed; nothing was left half-done synchronously, so the server goes on.
    log.error({ err: reason }, 'unhandled promise rejection');
  });

  let app: App;
  try {
    app = await createApp({ config, log, limits: DEFAULT_SERVER_LIMITS, clock: systemClock });
  } catch (error) {
    if (error instanceof KnowledgeBaseError) {
      console.error(`Refusing to start: the knowledge base in ${config.kbDir} is invalid.\n${error.message}`);
      process.exit(1);
    }
    throw error;
  }

  const { retrieval, knowledgeBase } = app;
  log.info(
    {
      provider: retrieval.provider, model: retrieval.model, mode: retrieval.mode, indexState: retrieval.indexState, lexicalIndex: retrieval.lexicalIndex,
      kbVersion: knowledgeBase.version.slice(0, 12), entries: knowledgeBase.entries.length,
    },
    `retrieval ready: ${retrieval.reason}`,
  );

  const { url } = await app.server.listen(config.port, config.host);
  log.info(
    {
      url,
      directLine: app.server.tokenSource.kind,
      botFrameworkEndpoint: app.server.botFrameworkMode,
    },
    `listening: open ${url}/ for the chat page; /api/messages ${BOT_FRAMEWORK_MODE_DESCRIPTIONS[app.server.botFrameworkMode]}`,
  );
  log.info(
    { console: app.consoleEnabled },
    app.consoleEnabled ? `console on: ${url}/console` : 'console off: set CONSOLE_ADMIN_PASSWORD or OIDC_ISSUER to serve /console',
  );
  for (const warning of configWarnings(config)) log.warn({}, warning);
  // The first visitors are answered by optimised code: the KB's own phrasings go first, in the background.
  app.warmUp().then(
    (report) =>
      log.info(
        { ...report, cpuMs: Math.round(report.cpuMs), wallMs: Math.round(report.wallMs) },
        report.ending === 'aborted' ? 'warm-up stopped: the server is closing' : 'answering warmed up',
      ),
    (err: unknown) => log.warn({ err }, 'warm-up failed: the first questions will be answered more slowly'),
  );

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: finishing turns in flight');
    app.close().then(
      () => {
        log.info({}, 'stopped');
        process.exit(0);
      },
      (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main(process.env).catch((error: unknown) => {
  console.error('Start-up failed:', error);
  process.exit(1);
});
