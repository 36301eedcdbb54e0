import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Request, Response } from 'restify';
import { BOT_DISPLAY_NAME, BOT_NAME } from '../bot/index.js';

const gzipAsync = promisify(gzip);
const WEB_DIR = join(dirname(fileURLToPath(import.meta.url)), 'web');

/** One file served from memory, with its gzip form and an ETag. */
interface Asset {
  readonly body: Buffer;
  readonly gzipped: Buffer;
  readonly etag: string;
  readonly contentType: string;
  readonly cacheControl: string;
}

/** URL path → file. A fixed list: nothing else on disk is reachable. */
async function assetFiles(): Promise<Record<string, { file: string; contentType: string; cacheControl: string }>> {
  const page = { contentType: 'text/html; charset=utf-8', cacheControl: 'no-cache' };
  const short = 'public, max-age=300';
  return {
    '/': { file: join(WEB_DIR, 'index.html'), ...page },
    '/index.html': { file: join(WEB_DIR, 'index.html'), ...page },
    '/styles.css': { file: join(WEB_DIR, 'styles.css'), contentType: 'text/css; charset=utf-8', cacheControl: short },
    '/app.js': { file: join(WEB_DIR, 'app.js'), contentType: 'text/javascript; charset=utf-8', cacheControl: short },
    '/webChatFrench.js': { file: join(WEB_DIR, 'webChatFrench.js'), contentType: 'text/javascript; charset=utf-8', cacheControl: short },
    '/embed.js': { file: join(WEB_DIR, 'embed.js'), contentType: 'text/javascript; charset=utf-8', cacheControl: short },
    '/webchat/webchat.js': { file: await webChatBundlePath(), contentType: 'text/javascript; charset=utf-8', cacheControl: 'public, max-age=86400' },
  };
}

/** The Web Chat bundle from node_modules (never a CDN): resolved from the package's entry point. */
export async function webChatBundlePath(): Promise<string> {
  const entry = createRequire(import.meta.url).resolve('botframework-webchat');
  let dir = dirname(entry);
  while (dir !== dirname(dir)) {
    const manifest: unknown = await readFile(join(dir, 'package.json'), 'utf8').then(JSON.parse, () => undefined);
    const isWebChat = typeof manifest === 'object' && manifest !== null && 'name' in manifest && manifest.name === 'botframework-webchat';
    if (isWebChat) return join(dir, 'dist', 'webchat.js');
    dir = dirname(dir);
  }
  throw new Error(`webChatBundlePath: no botframework-webchat package above ${entry}`);
}

/** Security headers of the page: scripts only from this server; Web Chat injects its styles inline. */
export function contentSecurityPolicy(azureDirectLine: boolean): string {
  const azure = azureDirectLine ? ' https://directline.botframework.com wss://directline.botframework.com' : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    `connect-src 'self' ws: wss:${azure}`,
    // The page is meant to be framed by the agency's sites through embed.js.
    'frame-ancestors *',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** The bot's names, written once in bot/messages.ts, filled into the page and the embed script as they are loaded. */
const NAME_PLACEHOLDERS: Readonly<Record<string, string>> = { '{{BOT_DISPLAY_NAME}}': BOT_DISPLAY_NAME, '{{BOT_NAME}}': BOT_NAME };

/** Our own files (not the Web Chat bundle) with the name placeholders filled in. */
function withNames(file: string, body: Buffer): Buffer {
  if (dirname(file) !== WEB_DIR) return body;
  const text = body.toString('utf8').replace(/\{\{BOT_(?:DISPLAY_)?NAME\}\}/g, (placeholder) => NAME_PLACEHOLDERS[placeholder] ?? placeholder);
  return Buffer.from(text, 'utf8');
}

let loading: Promise<ReadonlyMap<string, Asset>> | undefined;

async function loadAssets(): Promise<ReadonlyMap<string, Asset>> {
  const assets = new Map<string, Asset>();
  for (const [path, spec] of Object.entries(await assetFiles())) {
    let body: Buffer;
    try {
      body = withNames(spec.file, await readFile(spec.file));
    } catch (cause) {
      throw new Error(`StaticAssets.create: cannot read ${spec.file}`, { cause });
    }
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    assets.set(path, { body, gzipped: await gzipAsync(body), etag, ...spec });
  }
  return assets;
}

/** Loads the web assets once at start-up (the Web Chat bundle is ~4 MB, ~1 MB gzipped). */
export class StaticAssets {
  private constructor(private readonly assets: ReadonlyMap<string, Asset>, private readonly csp: string) {}

  static async create(options: { azureDirectLine: boolean }): Promise<StaticAssets> {
    // The files never change while the process runs: read and compress them once (tests start many servers).
    loading ??= loadAssets();
    loading.catch(() => {
      loading = undefined;
    });
    return new StaticAssets(await loading, contentSecurityPolicy(options.azureDirectLine));
  }

  get paths(): string[] {
    return [...this.assets.keys()];
  }

  /** restify handler for one of `paths`. */
  handler(path: string): (req: Request, res: Response) => Promise<void> {
    const asset = this.assets.get(path);
    if (!asset) throw new Error(`StaticAssets.handler: unknown asset ${path}`);
    return async (req, res) => {
      res.header('Content-Type', asset.contentType);
      res.header('Cache-Control', asset.cacheControl);
      res.header('ETag', asset.etag);
      res.header('Vary', 'Accept-Encoding');
      if (asset.contentType.startsWith('text/html')) res.header('Content-Security-Policy', this.csp);
      if (req.headers['if-none-match'] === asset.etag) {
        res.writeHead(304);
        res.end();
        return;
      }
      const gzipOk = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
      const body = gzipOk ? asset.gzipped : asset.body;
      if (gzipOk) res.header('Content-Encoding', 'gzip');
      res.header('Content-Length', String(body.length));
      res.writeHead(200);
      res.end(req.method === 'HEAD' ? undefined : body);
    };
  }
}
