import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Frame, type Page, type WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startRealApp, type RealApp } from './realApp.js';

/** Debian's Chromium: the browser tests skip, saying so, when it is absent. */
export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`browser tests skipped: ${CHROMIUM} is absent (apt-get install -y chromium)`);

/** A headless Chromium profile in a temporary folder, in French; `close()` removes the folder. */
export async function launchChromium(viewport = { width: 1280, height: 800 }): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = await mkdtemp(join(tmpdir(), 'ans-faq-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
    viewport,
    locale: 'fr-FR',
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** The real application and a Chromium profile, started once for a test file. */
export class RealAppInChromium {
  private started?: { readonly real: RealApp; readonly browser: Awaited<ReturnType<typeof launchChromium>> };

  get real(): RealApp {
    return this.session().real;
  }

  get context(): BrowserContext {
    return this.session().browser.context;
  }

  async start(viewport?: { width: number; height: number }, env?: Record<string, string>): Promise<void> {
    const real = await startRealApp(env);
    this.started = { real, browser: await launchChromium(viewport) };
  }

  async close(): Promise<void> {
    await this.started?.browser.close();
    await this.started?.real.stop();
  }

  private session(): { readonly real: RealApp; readonly browser: Awaited<ReturnType<typeof launchChromium>> } {
    if (!this.started) throw new Error('RealAppInChromium: used before beforeAll started it');
    return this.started;
  }
}

/**
 * Starts the real application (with `env` over the test defaults) and Chromium before the file's tests (in a
 * describe block: only if it runs), closes both after.
 */
export function realAppInChromiumAroundAll(viewport?: { width: number; height: number }, env?: Record<string, string>): RealAppInChromium {
  const session = new RealAppInChromium();
  beforeAll(() => session.start(viewport, env), 120_000);
  afterAll(() => session.close());
  return session;
}

/**
 * A stand-in for an agency page on another origin (another port) with the one-line snippet and the given CSS.
 * Served for real on loopback: Chromium refuses to let a non-local page load loopback scripts. Its strict
 * Content-Security-Policy allows the bot's script and frame, and no inline style but its own (by nonce).
 */
export async function startAgencySite(botUrl: string, css = ''): Promise<{ url: string; close(): Promise<void> }> {
  const nonce = 'agency-style';
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': `default-src 'self'; script-src ${botUrl}; frame-src ${botUrl}; style-src 'nonce-${nonce}'`,
    });
    res.end(`<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Portail Industriels</title><style nonce="${nonce}">${css}</style></head>
<body><header><p>Agence du numérique en santé</p></header><main><h1>Portail Industriels</h1><p>Une page du portail.</p></main>
<script src="${botUrl}/embed.js" defer></script></body></html>`);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('startAgencySite: no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    // The browser may still hold keep-alive connections: drop them, or close() would wait for them.
    close: () => new Promise((done) => {
      server.close(() => done());
      server.closeAllConnections();
    }),
  };
}

/** Clicks the most recent button with this label (older cards may carry the same one). */
export async function click(page: Page, name: string): Promise<void> {
  const button = page.getByRole('button', { name, exact: true }).last();
  await button.waitFor({ state: 'visible' });
  await button.click();
}

/**
 * Waits for a text in the transcript. Web Chat's Markdown renderer curls straight
 * apostrophes (d'offre → d’offre), so both forms are accepted.
 */
export async function see(page: Page, text: string): Promise<void> {
  // French no-break spaces in the bot's text (before « ? », inside « ») match a plain space in the test, and back.
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/['’]/g, "['’]").replace(/[ \u00a0\u202f]/g, '\\s');
  await page.getByText(new RegExp(escaped)).last().waitFor({ state: 'visible' });
}

/** Types a question in Web Chat's send box and sends it. */
export async function ask(page: Page, question: string): Promise<void> {
  const input = page.locator('.webchat__send-box textarea');
  await input.fill(question);
  await input.press('Enter');
}

/**
 * Passes the page's Direct Line stream through, and returns a function that pushes one more bot activity to the page
 * as if the server had streamed it: for what the bot does not send today (suggested actions) or for a fixed card.
 * Call before `page.goto`.
 */
export async function routeBotStream(page: Page): Promise<(activity: Record<string, unknown>) => void> {
  let toPage: WebSocketRoute | undefined;
  await page.routeWebSocket(/\/v3\/directline\/conversations\/[^/]+\/stream/, (route) => {
    route.connectToServer();
    toPage = route;
  });
  let count = 0;
  return (activity) => {
    if (!toPage) throw new Error('routeBotStream: the page has not opened its stream yet');
    count += 1;
    const streamed = { type: 'message', id: `injected-${count}`, timestamp: new Date().toISOString(), from: { id: 'bot', role: 'bot' }, ...activity };
    toPage.send(JSON.stringify({ activities: [streamed] }));
  };
}

/** An axe-core violation, as the tests report it. */
export interface AxeViolation {
  readonly id: string;
  readonly impact: string;
  readonly help: string;
  readonly targets: string[];
}

let axeSource: Promise<string> | undefined;

/** Runs axe-core (WCAG 2.x A/AA and best practices) on a page or a frame, open shadow roots included; returns its violations. */
export async function axeViolations(target: Page | Frame): Promise<AxeViolation[]> {
  axeSource ??= readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  // Evaluated through the DevTools protocol: the page's Content-Security-Policy still applies to everything else.
  await target.evaluate(await axeSource);
  return target.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }> }> } }).axe;
    // label-content-name-mismatch (WCAG 2.5.3) is still "experimental" in axe, so off by default: the issue ran it.
    const results = await axe.run(document, { resultTypes: ['violations'], rules: { 'label-content-name-mismatch': { enabled: true } } });
    return results.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? 'unknown',
      help: violation.help,
      targets: violation.nodes.map((node) => JSON.stringify(node.target)),
    }));
  });
}

/** Violations per impact for the test log: « critical 0, serious 0, moderate 1 (region), minor 0 ». */
export function countByImpact(violations: readonly AxeViolation[]): string {
  return ['critical', 'serious', 'moderate', 'minor'].map((impact) => {
    const ids = violations.filter((violation) => violation.impact === impact).map((violation) => violation.id);
    return `${impact} ${ids.length}${ids.length > 0 ? ` (${ids.join(', ')})` : ''}`;
  }).join(', ');
}
