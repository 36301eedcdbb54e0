/**
 * The Teams localization file rules (Microsoft's localization reference), hand-checked like the
 * manifest's: pure, over parsed JSON, returning the list of problems.
 */
import { isRecord } from '../../knowledge/index.js';
import { LOCALIZATION_SCHEMA_URL, MANIFEST_VERSION } from './manifest.js';
import { MAX_COMMAND_DESCRIPTION, MAX_COMMAND_TITLE, MAX_FULL_DESCRIPTION, MAX_FULL_NAME, MAX_SHORT_DESCRIPTION, MAX_SHORT_NAME } from './validateManifest.js';

const COMMAND_KEY = /^bots\[0\]\.commandLists\[(\d+)\]\.commands\[(\d+)\]\.(title|description)$/;

/**
 * Checks a localization file against Microsoft's localization reference: its `$schema`, only
 * known keys, the same length limits as the manifest, and command keys that point at commands
 * the manifest declares.
 */
export function checkLocalizationRules(localization: unknown, manifest: unknown, file: string): string[] {
  if (!isRecord(localization)) return [`${file} must be a JSON object`];
  const problems: string[] = [];
  const manifestVersion = isRecord(manifest) && typeof manifest.manifestVersion === 'string' ? manifest.manifestVersion : MANIFEST_VERSION;
  const expectedSchema = LOCALIZATION_SCHEMA_URL.replace(`v${MANIFEST_VERSION}/`, `v${manifestVersion}/`);
  if (localization.$schema !== expectedSchema) problems.push(`${file}: $schema must be ${expectedSchema}`);
  const limits: Record<string, number> = {
    'name.short': MAX_SHORT_NAME,
    'name.full': MAX_FULL_NAME,
    'description.short': MAX_SHORT_DESCRIPTION,
    'description.full': MAX_FULL_DESCRIPTION,
  };
  for (const [key, value] of Object.entries(localization)) {
    if (key === '$schema') continue;
    const command = COMMAND_KEY.exec(key);
    const limit = command ? (command[3] === 'title' ? MAX_COMMAND_TITLE : MAX_COMMAND_DESCRIPTION) : limits[key];
    if (limit === undefined) {
      problems.push(`${file}: unknown key "${key}"`);
      continue;
    }
    if (typeof value !== 'string' || value.trim() === '' || value.length > limit) {
      problems.push(`${file}: "${key}" must be a non-empty string of at most ${limit} characters`);
    }
    if (command && !commandExists(manifest, Number(command[1]), Number(command[2]))) {
      problems.push(`${file}: "${key}" refers to a command the manifest does not declare`);
    }
  }
  return problems;
}

function commandExists(manifest: unknown, list: number, index: number): boolean {
  if (!isRecord(manifest) || !Array.isArray(manifest.bots) || !isRecord(manifest.bots[0])) return false;
  const lists = manifest.bots[0].commandLists;
  if (!Array.isArray(lists) || !isRecord(lists[list])) return false;
  const commands = lists[list].commands;
  return Array.isArray(commands) && commands[index] !== undefined;
}

