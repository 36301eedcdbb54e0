/**
 * The Teams manifest rules that matter, hand-checked so that they hold even where the
 * official JSON schema is absent (a user's clone): see officialSchema.ts for that check.
 * Pure functions over parsed JSON (`unknown`): each returns the list of problems, empty when valid.
 * Limits follow Microsoft's manifest and localization references.
 */
import { isRecord } from '../../knowledge/index.js';

export const MIN_MANIFEST_MINOR = 17;
export const MAX_SHORT_NAME = 30;
export const MAX_FULL_NAME = 100;
export const MAX_SHORT_DESCRIPTION = 80;
export const MAX_FULL_DESCRIPTION = 4000;
export const MAX_DEVELOPER_NAME = 32;
export const MAX_COMMAND_TITLE = 32;
export const MAX_COMMAND_DESCRIPTION = 128;
export const MAX_COMMANDS_PER_LIST = 10;
export const MAX_COMMAND_LISTS = 3;
export const VALID_BOT_SCOPES = ['personal', 'team', 'groupChat', 'copilot'] as const;

export const GUID = /^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i;
/** The schema's own semver pattern: x.y.z, digits only, no leading zero. */
export const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
const LANGUAGE_TAG = /^[A-Za-z0-9]{1,8}(-[A-Za-z0-9]{1,8}){0,2}$/;
const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;
/** A bare host name, optionally with a leading wildcard label: no scheme, port or path. */
const DOMAIN = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

/** What the package must contain for this deployment, when known. */
export interface ManifestExpectations {
  readonly appId?: string;
  readonly botDomain?: string;
}

type Json = Record<string, unknown>;

export function officialSchemaUrl(manifestVersion: string): string {
  return `https://developer.microsoft.com/en-us/json-schemas/teams/v${manifestVersion}/MicrosoftTeams.schema.json`;
}

export function checkManifestRules(manifest: unknown, expect: ManifestExpectations = {}): string[] {
  if (!isRecord(manifest)) return ['manifest.json must be a JSON object'];
  const problems: string[] = [];
  const text = textChecker(problems);

  const manifestVersion = text(manifest, 'manifestVersion', 10);
  const minor = manifestVersion === undefined ? undefined : /^1\.(\d+)$/.exec(manifestVersion)?.[1];
  if (manifestVersion !== undefined && (minor === undefined || Number(minor) < MIN_MANIFEST_MINOR)) {
    problems.push(`manifestVersion must be 1.${MIN_MANIFEST_MINOR} or later (got "${manifestVersion}")`);
  }
  const schema = text(manifest, '$schema', 2048);
  if (schema !== undefined && manifestVersion !== undefined && schema !== officialSchemaUrl(manifestVersion)) {
    problems.push(`$schema must be the official URL ${officialSchemaUrl(manifestVersion)} (got "${schema}")`);
  }
  const version = text(manifest, 'version', 256);
  if (version !== undefined && !SEMVER.test(version)) problems.push(`version must be x.y.z (got "${version}")`);
  const id = text(manifest, 'id', 36);
  if (id !== undefined && !GUID.test(id)) problems.push(`id must be a GUID (got "${id}")`);
  if (id !== undefined && expect.appId !== undefined && id !== expect.appId) {
    problems.push(`id must be the MicrosoftAppId ${expect.appId} (got "${id}")`);
  }

  const developer = section(manifest, 'developer', problems);
  if (developer) {
    text(developer, 'name', MAX_DEVELOPER_NAME, 'developer.name');
    for (const key of ['websiteUrl', 'privacyUrl', 'termsOfUseUrl']) {
      const url = text(developer, key, 2048, `developer.${key}`);
      if (url !== undefined && !isHttpsUrl(url)) problems.push(`developer.${key} must be an https URL (got "${url}")`);
    }
  }
  const name = section(manifest, 'name', problems);
  if (name) {
    text(name, 'short', MAX_SHORT_NAME, 'name.short');
    text(name, 'full', MAX_FULL_NAME, 'name.full');
  }
  const description = section(manifest, 'description', problems);
  if (description) {
    text(description, 'short', MAX_SHORT_DESCRIPTION, 'description.short');
    text(description, 'full', MAX_FULL_DESCRIPTION, 'description.full');
  }
  const icons = section(manifest, 'icons', problems);
  if (icons) {
    text(icons, 'color', 2048, 'icons.color');
    text(icons, 'outline', 2048, 'icons.outline');
  }
  const accent = text(manifest, 'accentColor', 7);
  if (accent !== undefined && !HEX_COLOR.test(accent)) problems.push(`accentColor must be #rrggbb (got "${accent}")`);

  checkLocalizationInfo(manifest.localizationInfo, problems);
  checkBots(manifest.bots, id, expect, problems);
  checkValidDomains(manifest.validDomains, expect, problems);
  return problems;
}

function checkLocalizationInfo(info: unknown, problems: string[]): void {
  if (info === undefined) return;
  if (!isRecord(info)) {
    problems.push('localizationInfo must be an object');
    return;
  }
  const tags = new Set<string>();
  const tag = info.defaultLanguageTag;
  if (typeof tag !== 'string' || !LANGUAGE_TAG.test(tag)) problems.push('localizationInfo.defaultLanguageTag must be a language tag such as fr-fr');
  else tags.add(tag.toLowerCase());
  const extra = info.additionalLanguages ?? [];
  if (!Array.isArray(extra)) {
    problems.push('localizationInfo.additionalLanguages must be an array');
    return;
  }
  extra.forEach((language: unknown, index) => {
    const where = `localizationInfo.additionalLanguages[${index}]`;
    if (!isRecord(language) || typeof language.languageTag !== 'string' || typeof language.file !== 'string') {
      problems.push(`${where} must have a languageTag and a file`);
    } else if (!LANGUAGE_TAG.test(language.languageTag)) {
      problems.push(`${where}.languageTag is not a language tag (got "${language.languageTag}")`);
    } else if (tags.has(language.languageTag.toLowerCase())) {
      problems.push(`${where}.languageTag "${language.languageTag}" is declared twice`);
    } else {
      tags.add(language.languageTag.toLowerCase());
    }
  });
}

function checkBots(bots: unknown, appId: string | undefined, expect: ManifestExpectations, problems: string[]): void {
  if (!Array.isArray(bots) || bots.length !== 1 || !isRecord(bots[0])) {
    problems.push('bots must hold exactly one bot');
    return;
  }
  const bot = bots[0];
  const botId = bot.botId;
  if (typeof botId !== 'string' || !GUID.test(botId)) problems.push(`bots[0].botId must be a GUID (got "${String(botId)}")`);
  else if (botId !== appId) problems.push(`bots[0].botId must equal the app id (got "${botId}")`);
  else if (expect.appId !== undefined && botId !== expect.appId) problems.push(`bots[0].botId must be the MicrosoftAppId ${expect.appId}`);

  const scopes = scopeList(bot.scopes, 'bots[0].scopes', problems);
  const lists = bot.commandLists ?? [];
  if (!Array.isArray(lists) || lists.length > MAX_COMMAND_LISTS) {
    problems.push(`bots[0].commandLists must be an array of at most ${MAX_COMMAND_LISTS} lists`);
    return;
  }
  lists.forEach((list: unknown, index) => {
    const where = `bots[0].commandLists[${index}]`;
    if (!isRecord(list)) {
      problems.push(`${where} must be an object`);
      return;
    }
    for (const scope of scopeList(list.scopes, `${where}.scopes`, problems)) {
      if (!scopes.includes(scope)) problems.push(`${where}.scopes has "${scope}", which is not a scope of the bot`);
    }
    checkCommands(list.commands, where, problems);
  });
}

function checkCommands(commands: unknown, where: string, problems: string[]): void {
  if (!Array.isArray(commands) || commands.length === 0 || commands.length > MAX_COMMANDS_PER_LIST) {
    problems.push(`${where}.commands must hold 1 to ${MAX_COMMANDS_PER_LIST} commands`);
    return;
  }
  const titles = new Set<string>();
  const text = textChecker(problems);
  commands.forEach((command: unknown, index) => {
    const at = `${where}.commands[${index}]`;
    if (!isRecord(command)) {
      problems.push(`${at} must be an object`);
      return;
    }
    const title = text(command, 'title', MAX_COMMAND_TITLE, `${at}.title`);
    if (title !== undefined && titles.has(title)) problems.push(`${at}.title "${title}" is used twice`);
    if (title !== undefined) titles.add(title);
    text(command, 'description', MAX_COMMAND_DESCRIPTION, `${at}.description`);
  });
}

function scopeList(value: unknown, where: string, problems: string[]): string[] {
  const valid: readonly string[] = VALID_BOT_SCOPES;
  if (!Array.isArray(value) || value.length === 0) {
    problems.push(`${where} must list at least one scope`);
    return [];
  }
  const scopes = value.filter((scope): scope is string => typeof scope === 'string' && valid.includes(scope));
  if (scopes.length !== value.length) problems.push(`${where} may only hold ${valid.join(', ')} (got ${JSON.stringify(value)})`);
  if (new Set(scopes).size !== scopes.length) problems.push(`${where} lists a scope twice`);
  return scopes;
}

function checkValidDomains(domains: unknown, expect: ManifestExpectations, problems: string[]): void {
  if (!Array.isArray(domains)) {
    problems.push('validDomains must be an array of host names');
    return;
  }
  for (const domain of domains) {
    if (typeof domain !== 'string' || !DOMAIN.test(domain)) {
      problems.push(`validDomains entries must be bare host names without scheme, port or path (got "${String(domain)}")`);
    }
  }
  if (new Set(domains).size !== domains.length) problems.push('validDomains lists a domain twice');
  if (expect.botDomain !== undefined && !domains.includes(expect.botDomain)) {
    problems.push(`validDomains must include BOT_DOMAIN ${expect.botDomain}`);
  }
}

function section(manifest: Json, key: string, problems: string[]): Json | undefined {
  const value = manifest[key];
  if (isRecord(value)) return value;
  problems.push(`${key} is required and must be an object`);
  return undefined;
}

/** Returns a reader of required, non-empty, bounded strings that records what is wrong. */
function textChecker(problems: string[]) {
  return (object: Json, key: string, maxLength: number, label = key): string | undefined => {
    const value = object[key];
    if (typeof value !== 'string' || value.trim() === '') {
      problems.push(`${label} is required`);
      return undefined;
    }
    if (value.length > maxLength) problems.push(`${label} must be at most ${maxLength} characters (got ${value.length})`);
    return value;
  };
}

function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}
