/**
 * `npm run teams:package [-- --out <file.zip>]`: builds the Microsoft Teams app package
 * (default dist/teams-app.zip) from MicrosoftAppId and BOT_DOMAIN, checks every rule, and
 * writes the zip only when the package is valid. Exit code 1 on any problem, with all of them.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainModule } from '../../knowledge/index.js';
import { ConfigError, loadConfig } from '../config.js';
import { assembleTeamsPackage, validateTeamsPackage, zipTeamsPackage } from './teamsPackage.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DEFAULT_PACKAGE_PATH = path.join(REPO_ROOT, 'dist', 'teams-app.zip');
const ASSETS_DIR = path.join(REPO_ROOT, 'assets', 'teams');

export type BuildOutcome =
  | { readonly kind: 'built'; readonly file: string; readonly bytes: number; readonly schemaNote: string }
  | { readonly kind: 'rejected'; readonly problems: readonly string[] };

/** What `npm run teams:package` builds from: the environment (passed in, never read here) and the output path. */
export interface BuildOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly out: string;
  readonly schemasDir?: string;
}

export async function buildTeamsPackageFile(options: BuildOptions): Promise<BuildOutcome> {
  let config;
  try {
    config = loadConfig(options.env, { purpose: 'teams-package' });
  } catch (error) {
    if (error instanceof ConfigError) return { kind: 'rejected', problems: error.problems };
    throw error;
  }
  const appId = config.microsoftApp.id;
  const botDomain = config.botDomain;
  // loadConfig with the teams-package purpose already refused both being absent.
  if (appId === undefined || botDomain === undefined) {
    return { kind: 'rejected', problems: ['MicrosoftAppId and BOT_DOMAIN are required'] };
  }
  const version = await readPackageVersion();
  const files = await assembleTeamsPackage({ appId, botDomain, version, assetsDir: ASSETS_DIR });
  const validation = await validateTeamsPackage(files, { expect: { appId, botDomain }, schemasDir: options.schemasDir });
  if (validation.status === 'invalid') return { kind: 'rejected', problems: validation.problems };

  const zip = await zipTeamsPackage(files);
  await mkdir(path.dirname(options.out), { recursive: true });
  // Write beside the target then rename, so a crash never leaves a half-written zip behind.
  const partial = `${options.out}.partial`;
  await writeFile(partial, zip);
  await rename(partial, options.out);
  const schemaNote =
    validation.schema.status === 'valid'
      ? `valid against the official schema ${validation.schema.schemaFile}`
      : `official schema not checked: ${validation.schema.status === 'unavailable' ? validation.schema.reason : 'invalid'}`;
  return { kind: 'built', file: options.out, bytes: zip.length, schemaNote };
}

async function readPackageVersion(): Promise<string> {
  const file = path.join(REPO_ROOT, 'package.json');
  try {
    const json: unknown = JSON.parse(await readFile(file, 'utf8'));
    if (typeof json === 'object' && json !== null && 'version' in json && typeof json.version === 'string') return json.version;
  } catch (cause) {
    throw new Error(`readPackageVersion: cannot read ${file}`, { cause });
  }
  throw new Error(`readPackageVersion: ${file} has no version`);
}

function parseArgs(argv: readonly string[]): { out: string } {
  const outIndex = argv.indexOf('--out');
  if (outIndex === -1) return { out: DEFAULT_PACKAGE_PATH };
  const out = argv[outIndex + 1];
  if (out === undefined || out.startsWith('--')) throw new Error('--out needs a file name, e.g. --out dist/teams-app.zip');
  return { out: path.resolve(out) };
}

async function main(): Promise<void> {
  const { out } = parseArgs(process.argv.slice(2));
  const outcome = await buildTeamsPackageFile({ env: process.env, out });
  if (outcome.kind === 'rejected') {
    console.error(`Teams package NOT built, fix these problems first:\n - ${outcome.problems.join('\n - ')}`);
    process.exitCode = 1;
    return;
  }
  console.log(`Teams package written: ${outcome.file} (${outcome.bytes} bytes)\n${outcome.schemaNote}`);
}

if (isMainModule(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
