import { randomBytes } from 'node:crypto';
import { afterEach } from 'vitest';
import { ActivityHandler, type TurnContext } from 'botbuilder';
import { pino } from 'pino';
import { createBotFrameworkAuthentication } from '../../../adapters/botFrameworkEndpoint.js';
import { systemClock } from '../../../adapters/clock.js';
import { loadConfig, type AppConfig } from '../../../adapters/config.js';
import { createServer, type AppServer, type ServerDeps } from '../../../adapters/createServer.js';
import { DEFAULT_SERVER_LIMITS } from '../../../adapters/serverLimits.js';

/** Greeting sent by the echo bot when a user joins. */
export const ECHO_GREETING = 'Bonjour (echo)';

/**
 * A tiny bot for adapter tests: greets on join, echoes text as "echo: <text>", replies
 * "boom" turns by throwing (to exercise onTurnError), and "slow" turns after 300 ms.
 */
export class EchoBot extends ActivityHandler {
  readonly seen: string[] = [];

  constructor() {
    super();
    this.onMembersAdded(async (context, next) => {
      for (const member of context.activity.membersAdded ?? []) {
        if (member.id !== context.activity.recipient.id) await context.sendActivity(ECHO_GREETING);
      }
      await next();
    });
    this.onMessage(async (context, next) => {
      const text = context.activity.text ?? JSON.stringify(context.activity.value ?? null);
      this.seen.push(text);
      if (text === 'boom') throw new Error('EchoBot: boom');
      if (text === 'slow') await new Promise((resolve) => setTimeout(resolve, 300));
      await context.sendActivity(`echo: ${text}`);
      await next();
    });
  }
}

/** The message onTurnError sends in these tests. */
export const TURN_ERROR_TEXT = 'Désolé, une erreur est survenue.';

export async function testOnTurnError(context: TurnContext): Promise<void> {
  await context.sendActivity(TURN_ERROR_TEXT);
}

export interface StartedServer {
  readonly app: AppServer;
  readonly url: string;
  readonly bot: EchoBot;
  readonly config: AppConfig;
}

/**
 * Starts the real server with the echo bot on 127.0.0.1, port 0: production limits and
 * clock, Bot Framework authentication from the configuration, a fresh token key.
 */
export async function startEchoServer(env: Record<string, string> = {}, overrides: Partial<ServerDeps> = {}): Promise<StartedServer> {
  const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', ...env });
  const bot = new EchoBot();
  const app = await createServer({
    config,
    limits: DEFAULT_SERVER_LIMITS,
    clock: systemClock,
    botFrameworkAuthentication: createBotFrameworkAuthentication(config),
    tokenKey: randomBytes(32),
    bot,
    onTurnError: testOnTurnError,
    log: pino({ level: 'silent' }),
    health: () => ({ kbVersion: 'test-kb', entries: 3, embeddings: { provider: 'fake', model: 'none' }, indexState: 'ready' }),
    ...overrides,
  });
  const { url } = await app.listen(0, '127.0.0.1');
  return { app, url, bot, config };
}

/**
 * For a describe block: a function that starts an echo server (as startEchoServer) and
 * closes every server it started after each test, so tests need no lifecycle code.
 */
export function echoServersClosedAfterEach(): (...args: Parameters<typeof startEchoServer>) => Promise<StartedServer> {
  const open: StartedServer[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((started) => started.app.close()));
  });
  return async (...args) => {
    const started = await startEchoServer(...args);
    open.push(started);
    return started;
  };
}
