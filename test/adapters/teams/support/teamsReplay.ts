/**
 * Replays Teams-shaped activities through botbuilder's real CloudAdapter over HTTP, the way
 * Azure Bot Service delivers them: POST /api/messages on a local restify server, and the bot's
 * replies posted back to `serviceUrl`, here a capture server playing Teams' connector service.
 * Everything listens on 127.0.0.1, port 0. No app id is configured, so no token is needed.
 */
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type TurnContext,
} from 'botbuilder';
import restify from 'restify';
import { isRecord } from '../../../../knowledge/index.js';

export const FIXTURES_DIR = path.join(import.meta.dirname, '..', 'fixtures');
/** The bot's Teams channel account id: `28:` + its MicrosoftAppId. */
export const TEAMS_BOT_ID = '28:3f2504e0-4f89-11d3-9a0c-0305e82c3301';

/** An activity the bot sent to the connector, with the id the connector gave it. */
export interface CapturedActivity {
  readonly id: string;
  readonly conversationId: string;
  /** Set when the bot replied to an incoming activity (POST .../activities/{replyToId}). */
  readonly replyToId?: string;
  readonly activity: Partial<Activity>;
}

export interface ReplayResponse {
  readonly status: number;
  /** The invoke response body, when the activity was an invoke. */
  readonly body: unknown;
  /** What the bot sent to the connector during this turn, in order. */
  readonly sent: readonly CapturedActivity[];
}

export interface TurnLogic {
  run(context: TurnContext): Promise<void>;
}

export class TeamsReplay {
  private readonly captured: CapturedActivity[] = [];
  private nextId = 1;

  private constructor(
    private readonly botServer: restify.Server,
    private readonly connector: http.Server,
    readonly botUrl: string,
    readonly serviceUrl: string,
  ) {}

  static async start(
    bot: TurnLogic,
    onTurnError: (context: TurnContext, error: Error) => Promise<void>,
  ): Promise<TeamsReplay> {
    const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
    adapter.onTurnError = onTurnError;
    const botServer = restify.createServer({ handleUncaughtExceptions: false });
    botServer.use(restify.plugins.bodyParser({ mapParams: false }));
    botServer.post('/api/messages', async (req, res) => {
      await adapter.process(req, res, (context) => bot.run(context));
    });
    const botPort = await new Promise<number>((resolve) => botServer.listen(0, '127.0.0.1', () => resolve(botServer.address().port)));

    let replay: TeamsReplay | undefined;
    const connector = http.createServer((req, res) => {
      let raw = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (raw += chunk));
      req.on('end', () => {
        const id = replay?.capture(req.method ?? '', req.url ?? '', raw);
        res.writeHead(id === undefined ? 404 : 200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(id === undefined ? { error: 'unexpected call' } : { id }));
      });
    });
    await new Promise<void>((resolve) => connector.listen(0, '127.0.0.1', resolve));
    const address = connector.address();
    if (address === null || typeof address === 'string') throw new Error('TeamsReplay.start: the capture server has no port');
    replay = new TeamsReplay(botServer, connector, `http://127.0.0.1:${botPort}/api/messages`, `http://127.0.0.1:${address.port}/`);
    return replay;
  }

  /** Records a connector call; returns the id given to the activity, or undefined for a route Teams does not have. */
  private capture(method: string, url: string, raw: string): string | undefined {
    const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?$/.exec(url.split('?')[0]);
    if (method !== 'POST' || !match) return undefined;
    const id = `1731000009${String(this.nextId++).padStart(3, '0')}`;
    const activity: Partial<Activity> = JSON.parse(raw);
    this.captured.push({
      id,
      conversationId: decodeURIComponent(match[1]),
      replyToId: match[2] === undefined ? undefined : decodeURIComponent(match[2]),
      activity,
    });
    return id;
  }

  /** Posts one activity as Azure Bot Service would, and returns what the bot answered. */
  async send(activity: Record<string, unknown>): Promise<ReplayResponse> {
    const before = this.captured.length;
    const response = await fetch(this.botUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: text === '' ? undefined : JSON.parse(text),
      sent: this.captured.slice(before),
    };
  }

  async close(): Promise<void> {
    this.botServer.close();
    await new Promise<void>((resolve, reject) => this.connector.close((error) => (error ? reject(error) : resolve())));
  }
}

/** Placeholders a fixture may hold; `value` replaces a string that is exactly "{{value}}". */
export interface FixtureValues {
  readonly serviceUrl: string;
  readonly botId?: string;
  readonly replyToId?: string;
  readonly value?: unknown;
}

/** Reads a fixture and fills its placeholders. An unfilled placeholder is an error, not a silent gap. */
export async function loadFixture(name: string, values: FixtureValues): Promise<Record<string, unknown>> {
  const raw = await readFile(path.join(FIXTURES_DIR, `${name}.json`), 'utf8');
  const filled = fill(JSON.parse(raw), { botId: TEAMS_BOT_ID, ...values });
  const left = /\{\{(\w+)\}\}/.exec(JSON.stringify(filled));
  if (left) throw new Error(`loadFixture: ${name} needs a value for {{${left[1]}}}`);
  if (!isRecord(filled)) throw new Error(`loadFixture: ${name} is not an activity`);
  return filled;
}

function fill(node: unknown, values: FixtureValues): unknown {
  if (typeof node === 'string') {
    if (node === '{{value}}' && values.value !== undefined) return values.value;
    return node.replace(/\{\{(serviceUrl|botId|replyToId)\}\}/g, (whole, key: 'serviceUrl' | 'botId' | 'replyToId') => values[key] ?? whole);
  }
  if (Array.isArray(node)) return node.map((item) => fill(item, values));
  if (typeof node === 'object' && node !== null) {
    return Object.fromEntries(Object.entries(node).map(([key, item]) => [key, fill(item, values)]));
  }
  return node;
}

