import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Request, Response } from 'restify';

/** URL prefix of the assets. */
export const ASSETS_PATH = '/console/assets/';
const ASSETS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'assets');

/** The console's own files, and uPlot from node_modules (never a CDN). A fixed list: nothing else is reachable. */
async function files(): Promise<Record<string, { file: string; type: string }>> {
  const uplotDist = join(dirname(createRequire(import.meta.url).resolve('uplot')), '..', 'dist');
  const js = 'text/javascript; charset=utf-8';
  const css = 'text/css; charset=utf-8';
  return {
    'console.js': { file: join(ASSETS_DIR, 'console.js'), type: js },
    'console.css': { file: join(ASSETS_DIR, 'console.css'), type: css },
    'uPlot.iife.min.js': { file: join(uplotDist, 'uPlot.iife.min.js'), type: js },
    'uPlot.min.css': { file: join(uplotDist, 'uPlot.min.css'), type: css },
  };
}

/** Serves /console/assets/<name> from memory (loaded once at start-up). */
export class ConsoleAssets {
  private constructor(private readonly assets: ReadonlyMap<string, { body: Buffer; type: string }>) {}

  static async create(): Promise<ConsoleAssets> {
    const assets = new Map<string, { body: Buffer; type: string }>();
    for (const [name, spec] of Object.entries(await files())) {
      try {
        assets.set(name, { body: await readFile(spec.file), type: spec.type });
      } catch (cause) {
        throw new Error(`ConsoleAssets.create: cannot read ${spec.file}`, { cause });
      }
    }
    return new ConsoleAssets(assets);
  }

  handler = async (req: Request, res: Response): Promise<void> => {
    const asset = this.assets.get(req.getPath().slice(ASSETS_PATH.length));
    if (!asset) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Not found');
      return;
    }
    res.writeHead(200, { 'Content-Type': asset.type, 'Cache-Control': 'public, max-age=300', 'Content-Length': String(asset.body.length) });
    res.end(asset.body);
  };
}
