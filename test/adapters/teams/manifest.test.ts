import { describe, expect, it } from 'vitest';
import {
  buildEnglishLocalization,
  buildTeamsManifest,
  checkLocalizationRules,
  checkManifestRules,
  MANIFEST_SCHEMA_URL,
  MANIFEST_VERSION,
  type TeamsManifest,
} from '../../../adapters/teams/index.js';

const APP_ID = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
const DOMAIN = 'faq-bot.esante.example.fr';
const manifest = buildTeamsManifest({ appId: APP_ID, botDomain: DOMAIN, version: '1.2.3' });

/**
 * A deep copy as plain JSON, to break it in one place per test. `any` because each case
 * reaches into a different place of the JSON, which is exactly what the rules must survive.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function mutable(): Record<string, any> {
  return JSON.parse(JSON.stringify(manifest));
}

describe('buildTeamsManifest', () => {
  it('declares a current schema version with its official $schema URL', () => {
    expect(Number(MANIFEST_VERSION.split('.')[1])).toBeGreaterThanOrEqual(17);
    expect(manifest.manifestVersion).toBe(MANIFEST_VERSION);
    expect(manifest.$schema).toBe(
      `https://developer.microsoft.com/en-us/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`,
    );
    expect(MANIFEST_SCHEMA_URL).toBe(manifest.$schema);
  });

  it('uses the app id for the app and the bot, and the bot domain as the only valid domain', () => {
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.bots).toHaveLength(1);
    expect(manifest.bots[0].botId).toBe(APP_ID);
    expect(manifest.validDomains).toEqual([DOMAIN]);
    expect(manifest.version).toBe('1.2.3');
  });

  it('installs in personal chat, teams and group chats, with menu and aide in every scope', () => {
    const bot = manifest.bots[0];
    expect([...bot.scopes].sort()).toEqual(['groupChat', 'personal', 'team']);
    const scopesWithLists = bot.commandLists.flatMap((list) => list.scopes).sort();
    expect(scopesWithLists).toEqual(['groupChat', 'personal', 'team']);
    for (const list of bot.commandLists) {
      expect(list.commands.map((command) => command.title)).toEqual(['menu', 'aide']);
    }
  });

  it('is French by default, with an English localization file, and names the agency as developer', () => {
    expect(manifest.localizationInfo.defaultLanguageTag).toBe('fr-fr');
    expect(manifest.localizationInfo.additionalLanguages).toEqual([{ languageTag: 'en', file: 'en.json' }]);
    expect(manifest.name.short).toBe('Assistant Portail Industriels');
    expect(manifest.description.full).toContain('Agence du numérique en santé');
    expect(manifest.developer.name).toBe('Agence du numérique en santé');
    expect(manifest.developer.websiteUrl).toBe('https://esante.gouv.fr');
    for (const url of [manifest.developer.privacyUrl, manifest.developer.termsOfUseUrl]) {
      expect(url.startsWith('https://esante.gouv.fr/')).toBe(true);
    }
  });

  it('passes every hand-written rule', () => {
    expect(checkManifestRules(manifest, { appId: APP_ID, botDomain: DOMAIN })).toEqual([]);
  });
});

describe('checkManifestRules rejects what Teams would refuse', () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const cases: [string, (m: Record<string, any>) => void, RegExp][] = [
    ['an old schema version', (m) => { m.manifestVersion = '1.16'; }, /manifestVersion must be 1\.17 or later/],
    ['a $schema that is not the official URL', (m) => { m.$schema = 'https://example.org/schema.json'; }, /\$schema must be the official URL/],
    ['a version that is not x.y.z', (m) => { m.version = '1.0'; }, /version must be x\.y\.z/],
    ['a version with a leading zero', (m) => { m.version = '1.02.0'; }, /version must be x\.y\.z/],
    ['an id that is not a GUID', (m) => { m.id = 'my-bot'; }, /id must be a GUID/],
    ['a missing developer', (m) => { delete m.developer; }, /developer is required/],
    ['a privacy URL over http', (m) => { m.developer.privacyUrl = 'http://esante.gouv.fr'; }, /privacyUrl must be an https URL/],
    ['a short name over 30 characters', (m) => { m.name.short = 'x'.repeat(31); }, /name\.short must be at most 30/],
    ['a missing full description', (m) => { delete m.description.full; }, /description\.full is required/],
    ['a short description over 80 characters', (m) => { m.description.short = 'x'.repeat(81); }, /description\.short must be at most 80/],
    ['a missing outline icon', (m) => { delete m.icons.outline; }, /icons\.outline is required/],
    ['a bad accent colour', (m) => { m.accentColor = 'blue'; }, /accentColor must be #rrggbb/],
    ['a bot id other than the app id', (m) => { m.bots[0].botId = '3f2504e0-4f89-11d3-9a0c-0305e82c3399'; }, /botId must equal the app id/],
    ['no bot', (m) => { m.bots = []; }, /bots must hold exactly one bot/],
    ['an unknown scope', (m) => { m.bots[0].scopes = ['personal', 'everyone']; }, /bots\[0\]\.scopes may only hold/],
    ['a command list scope the bot lacks', (m) => { m.bots[0].scopes = ['personal']; }, /not a scope of the bot/],
    ['a command title over 32 characters', (m) => { m.bots[0].commandLists[0].commands[0].title = 'x'.repeat(33); }, /title must be at most 32/],
    ['a command title used twice', (m) => { m.bots[0].commandLists[0].commands[1].title = 'menu'; }, /"menu" is used twice/],
    ['a domain with a scheme', (m) => { m.validDomains = ['https://bot.example.fr']; }, /bare host names/],
    ['a domain with a path', (m) => { m.validDomains = ['bot.example.fr/api']; }, /bare host names/],
    ['a bad language tag', (m) => { m.localizationInfo.defaultLanguageTag = 'français'; }, /defaultLanguageTag/],
  ];

  it.each(cases)('%s', (_label, breakIt, expected) => {
    const broken = mutable();
    breakIt(broken);
    const problems = checkManifestRules(broken);
    expect(problems.some((problem) => expected.test(problem)), problems.join('\n')).toBe(true);
  });

  it('checks the app id and domain the deployment expects', () => {
    const problems = checkManifestRules(manifest, { appId: '3f2504e0-4f89-11d3-9a0c-0305e82c3399', botDomain: 'other.example.fr' });
    expect(problems).toContain('id must be the MicrosoftAppId 3f2504e0-4f89-11d3-9a0c-0305e82c3399 (got "3f2504e0-4f89-11d3-9a0c-0305e82c3301")');
    expect(problems).toContain('validDomains must include BOT_DOMAIN other.example.fr');
  });

  it('refuses something that is not an object', () => {
    expect(checkManifestRules('[]')).toEqual(['manifest.json must be a JSON object']);
  });
});

describe('English localization', () => {
  const english = buildEnglishLocalization();

  it('translates the names, descriptions and command descriptions, keeping the French command words', () => {
    expect(english.$schema).toBe(manifest.$schema.replace('MicrosoftTeams.schema.json', 'MicrosoftTeams.Localization.schema.json'));
    expect(english['name.short']).toBe('ANS Industry Portal Assistant');
    expect(english['description.short']).toMatch(/in French/);
    expect(english['bots[0].commandLists[0].commands[0].description']).toBe('Restart the guided questions');
    expect(english['bots[0].commandLists[2].commands[1].title']).toBe('aide');
  });

  it('passes the localization rules against the manifest', () => {
    expect(checkLocalizationRules(english, manifest, 'en.json')).toEqual([]);
  });

  it('rejects unknown keys, over-long values and commands the manifest lacks', () => {
    const broken = {
      ...english,
      'name.nickname': 'ANS',
      'name.short': 'x'.repeat(31),
      'bots[0].commandLists[0].commands[5].title': 'help',
    };
    const problems = checkLocalizationRules(broken, manifest, 'en.json');
    expect(problems).toEqual([
      'en.json: "name.short" must be a non-empty string of at most 30 characters',
      'en.json: unknown key "name.nickname"',
      'en.json: "bots[0].commandLists[0].commands[5].title" refers to a command the manifest does not declare',
    ]);
  });

  it('keeps every manifest string that Teams limits within its limit in both languages', () => {
    const french: TeamsManifest = manifest;
    expect(french.name.full.length).toBeLessThanOrEqual(100);
    expect(english['name.full'].length).toBeLessThanOrEqual(100);
    expect(english['description.full'].length).toBeLessThanOrEqual(4000);
  });
});
