import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildTeamsPackageFile,
  readTeamsPackage,
  validateTeamsPackage,
  type PackageFiles,
} from '../../../adapters/teams/index.js';

const APP_ID = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
const DOMAIN = 'faq-bot.esante.example.fr';
const ENV = { MicrosoftAppId: APP_ID, BOT_DOMAIN: DOMAIN };
const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..', '..');

let zipFile: string;
let zipBytes: Buffer;
let files: PackageFiles;

beforeAll(async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'teams-package-'));
  zipFile = path.join(dir, 'teams-app.zip');
  const outcome = await buildTeamsPackageFile({ env: ENV, out: zipFile });
  expect(outcome.kind, JSON.stringify(outcome)).toBe('built');
  zipBytes = await readFile(zipFile);
  files = await readTeamsPackage(zipBytes);
});

describe('the built package, unzipped', () => {
  it('holds exactly the manifest, the English strings and the two icons, at the root', async () => {
    const zip = await JSZip.loadAsync(zipBytes);
    const names = Object.values(zip.files).map((entry) => `${entry.name}${entry.dir ? ' (folder)' : ''}`);
    expect(names.sort()).toEqual(['color.png', 'en.json', 'manifest.json', 'outline.png']);
  });

  it('has a manifest with the environment’s app id and domain and the project’s version', async () => {
    const manifest = JSON.parse(files.get('manifest.json')?.toString('utf8') ?? 'null');
    const pkg = JSON.parse(await readFile(path.join(REPO_ROOT, 'package.json'), 'utf8'));
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.bots[0].botId).toBe(APP_ID);
    expect(manifest.validDomains).toEqual([DOMAIN]);
    expect(manifest.version).toBe(pkg.version);
    expect(manifest.icons).toEqual({ color: 'color.png', outline: 'outline.png' });
  });

  it('has a 192×192 colour icon', async () => {
    const meta = await sharp(files.get('color.png')).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 192, 192]);
  });

  it('has a 32×32 outline icon, white on a transparent background', async () => {
    const png = files.get('outline.png');
    const meta = await sharp(png).metadata();
    expect([meta.format, meta.width, meta.height, meta.hasAlpha]).toEqual(['png', 32, 32, true]);
    const { data } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    let transparent = 0;
    let visible = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] === 0) transparent += 1;
      else {
        visible += 1;
        expect([data[i], data[i + 1], data[i + 2]]).toEqual([255, 255, 255]);
      }
    }
    expect(transparent).toBeGreaterThan(32 * 32 * 0.5);
    expect(visible).toBeGreaterThan(50);
    // The corners are background.
    for (const pixel of [0, 31, 31 * 32, 32 * 32 - 1]) expect(data[pixel * 4 + 3]).toBe(0);
  });

  it('passes every rule, and the official schema when it is present', async () => {
    const validation = await validateTeamsPackage(files, { expect: { appId: APP_ID, botDomain: DOMAIN } });
    expect(validation).toMatchObject({ status: 'valid' });
    const schemaPresent = existsSync(path.resolve(REPO_ROOT, '..', 'shared', 'schemas', 'teams', 'v1.29'));
    expect(validation.schema.status).toBe(schemaPresent ? 'valid' : 'unavailable');
  });

  it('is reproducible: the same inputs give the same bytes', async () => {
    const again = path.join(path.dirname(zipFile), 'again.zip');
    await buildTeamsPackageFile({ env: ENV, out: again });
    expect((await readFile(again)).equals(zipBytes)).toBe(true);
  });
});

describe('a tampered package is rejected', () => {
  async function problemsWith(change: (copy: Map<string, Buffer>) => Promise<void> | void): Promise<string[]> {
    const copy = new Map(files);
    await change(copy);
    const validation = await validateTeamsPackage(copy, { expect: { appId: APP_ID, botDomain: DOMAIN } });
    return validation.status === 'invalid' ? [...validation.problems] : [];
  }

  it('an outline icon that is not white on transparent', async () => {
    const blue = await sharp({ create: { width: 32, height: 32, channels: 4, background: '#000091ff' } }).png().toBuffer();
    const problems = await problemsWith((copy) => void copy.set('outline.png', blue));
    expect(problems).toContain('outline.png: the outline icon must be white on transparent (1024 visible pixels are not white)');
    expect(problems).toContain("outline.png: the outline icon's background must be transparent");
  });

  it('a colour icon of the wrong size', async () => {
    const small = await sharp(files.get('color.png')).resize(96, 96).png().toBuffer();
    const problems = await problemsWith((copy) => void copy.set('color.png', small));
    expect(problems).toEqual(['color.png: the color icon must be 192×192 (got 96×96)']);
  });

  it('an icon that is not a PNG', async () => {
    const problems = await problemsWith((copy) => void copy.set('color.png', Buffer.from('<svg/>')));
    expect(problems).toEqual(['color.png: the color icon must be a PNG']);
  });

  it('a missing localization file, a file in a folder and an unused file', async () => {
    const problems = await problemsWith((copy) => {
      copy.delete('en.json');
      copy.set('icons/extra.png', Buffer.from('x'));
    });
    expect(problems).toEqual([
      'icons/extra.png: every file must sit at the root of the package',
      'en.json: missing from the package',
      'icons/extra.png: the manifest does not use this file',
    ]);
  });

  it('a manifest that is not JSON', async () => {
    const problems = await problemsWith((copy) => void copy.set('manifest.json', Buffer.from('{ "id": ')));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^manifest\.json: not valid JSON/);
  });
});

describe('npm run teams:package', () => {
  const run = promisify(execFile);
  const cli = (env: Record<string, string>, out: string) =>
    run(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'adapters/teams/buildPackage.ts'), '--out', out], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
    });

  it('writes the zip when MicrosoftAppId and BOT_DOMAIN are set', async () => {
    const out = path.join(await mkdtemp(path.join(os.tmpdir(), 'teams-cli-')), 'teams-app.zip');
    const { stdout } = await cli(ENV, out);
    expect(stdout).toContain(`Teams package written: ${out}`);
    expect((await readTeamsPackage(await readFile(out))).size).toBe(4);
  });

  it('exits 1 with every problem and writes nothing when the app id is missing and the domain is bad', async () => {
    const out = path.join(await mkdtemp(path.join(os.tmpdir(), 'teams-cli-')), 'teams-app.zip');
    const failure = await cli({ BOT_DOMAIN: 'https://bot.example.fr' }, out).then(
      () => undefined,
      (error: { code?: number; stderr?: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain('MicrosoftAppId is required to build the Teams app package');
    expect(failure?.stderr).toContain('BOT_DOMAIN must be a bare host name');
    expect(existsSync(out)).toBe(false);
    expect(existsSync(path.dirname(out) + '/teams-app.zip.partial')).toBe(false);
  });

  it('exits 1 when the app id is not a GUID', async () => {
    const out = path.join(await mkdtemp(path.join(os.tmpdir(), 'teams-cli-')), 'teams-app.zip');
    const failure = await cli({ MicrosoftAppId: 'my-bot', BOT_DOMAIN: DOMAIN }, out).then(
      () => undefined,
      (error: { code?: number; stderr?: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain('MicrosoftAppId must be a GUID (got "my-bot")');
    expect(existsSync(out)).toBe(false);
  });
});
