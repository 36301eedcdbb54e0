import { describe, expect, it } from 'vitest';
import { BOT_DISPLAY_NAME, BOT_NAME } from '../../bot/index.js';
import { echoServersClosedAfterEach } from './helpers/echoBot.js';

describe('createServer: health, page and shutdown', () => {
  const startEcho = echoServersClosedAfterEach();

  it('reports status, KB version, entries, embedding provider and index state on /healthz', async () => {
    const started = await startEcho();
    const response = await fetch(`${started.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: 'ok',
      kbVersion: 'test-kb',
      entries: 3,
      embeddings: { provider: 'fake', model: 'none' },
      indexState: 'ready',
      directLine: 'built-in',
    });
  });

  it('serves the French page with a strict CSP and Web Chat from node_modules, not from a CDN', async () => {
    const started = await startEcho();
    const page = await fetch(`${started.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).toContain('<html lang="fr">');
    // The bot's names come from bot/messages.ts, filled in as the files are served.
    expect(html).toContain(`<title>${BOT_DISPLAY_NAME}</title>`);
    expect(html).toContain(`>${BOT_NAME}</h1>`);
    expect(html).not.toContain('{{');
    const scripts = [...html.matchAll(/<script[^>]*src="([^"]+)"/g)].map((match) => match[1]);
    expect(scripts).toEqual(['/webchat/webchat.js', '/webChatFrench.js', '/app.js']);
    for (const script of scripts.slice(1)) {
      const served = await fetch(`${started.url}${script}`);
      expect(served.status, script).toBe(200);
      expect(served.headers.get('content-type'), script).toContain('javascript');
    }

    const bundle = await fetch(`${started.url}/webchat/webchat.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-encoding')).toBe('gzip');
    expect((await bundle.text()).length).toBeGreaterThan(1_000_000);

    const embed = await fetch(`${started.url}/embed.js`);
    expect(embed.headers.get('content-type')).toContain('javascript');
    const embedScript = await embed.text();
    expect(embedScript).toContain('aria-expanded');
    expect(embedScript).toContain(`var TITLE = '${BOT_NAME}';`);
  });

  it('answers 304 to a matching ETag and 404 with a JSON error for unknown paths', async () => {
    const started = await startEcho();
    const first = await fetch(`${started.url}/styles.css`);
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    const again = await fetch(`${started.url}/styles.css`, { headers: { 'if-none-match': etag ?? '' } });
    expect(again.status).toBe(304);
    const missing = await fetch(`${started.url}/../package.json`);
    expect(missing.status).toBe(404);
    const body: unknown = await missing.json();
    expect(body).toMatchObject({ error: { code: expect.any(String) } });
  });

  it('finishes a turn in flight before close() resolves, then refuses connections', async () => {
    const started = await startEcho();
    const { url, app, bot } = started;
    const session = await (await fetch(`${url}/api/directline/token`, { method: 'POST' })).json();
    const headers = { Authorization: `Bearer ${session.token}`, 'Content-Type': 'application/json' };
    await fetch(`${url}/v3/directline/conversations`, { method: 'POST', headers });
    const slowPost = fetch(`${url}/v3/directline/conversations/${session.conversationId}/activities`, {
      method: 'POST', headers, body: JSON.stringify({ type: 'message', text: 'slow' }),
    });
    await waitFor(() => bot.seen.includes('slow'));
    const closing = app.close();
    const response = await slowPost;
    expect(response.status).toBe(200);
    await closing;
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('waitFor: condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
