import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../adapters/config.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Variables `loadConfig` reads, taken from its source (and its console part's) so a new variable cannot go undocumented. */
async function variablesReadByConfig(): Promise<string[]> {
  const files = ['adapters/config.ts', 'adapters/consoleConfig.ts'];
  const source = (await Promise.all(files.map((file) => readFile(join(ROOT, file), 'utf8')))).join('\n');
  return [...source.matchAll(/\b(?:str|oneOf|bool)\('([A-Za-z_]+)'/g)].map((match) => match[1]).sort();
}

async function envExample(): Promise<Map<string, string>> {
  const text = await readFile(join(ROOT, '.env.example'), 'utf8');
  const entries = text
    .split('\n')
    .filter((line) => /^[A-Za-z_]+=/.test(line))
    .map((line): [string, string] => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]);
  return new Map(entries);
}

describe('configuration documentation', () => {
  it('.env.example lists exactly the variables loadConfig reads', async () => {
    expect([...(await envExample()).keys()].sort()).toEqual(await variablesReadByConfig());
  });

  it('.env.example holds valid defaults: loading it gives the same config as an empty environment', async () => {
    const example = Object.fromEntries(await envExample());
    expect(loadConfig(example)).toEqual(loadConfig({}));
  });

  it('README has a configuration table row for every variable', async () => {
    const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
    const documented = new Set([...readme.matchAll(/^\| `([A-Za-z_]+)` \|/gm)].map((match) => match[1]));
    const missing = (await variablesReadByConfig()).filter((name) => !documented.has(name));
    expect(missing).toEqual([]);
  });
});
