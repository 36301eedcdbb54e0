/**
 * Pure builders of the Teams app manifest and its English localization file.
 *
 * Schema 1.29 is the newest in ../shared/schemas/teams/ and it validates fully with ajv's
 * draft-04 class (its `const` and `if`/`then` keywords are supported there), see validateManifest.ts.
 *
 * Languages: the top-level strings are French (`defaultLanguageTag: fr-fr`) because the bot only
 * speaks French and its users are French vendors and agency staff; English is an additional
 * language file tagged `en`, which Teams applies to every English client (en-us, en-gb, ...).
 * Clients in any other language see the French default.
 */
import {
  ACCENT_COLOR,
  BOT_COMMAND_TITLES,
  DEVELOPER,
  ENGLISH_LISTING,
  FRENCH_LISTING,
  type ListingText,
} from './listing.js';

export const MANIFEST_VERSION = '1.29';
/** The official address of the schema, as Microsoft publishes it. */
export const MANIFEST_SCHEMA_URL = `https://developer.microsoft.com/en-us/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`;
export const LOCALIZATION_SCHEMA_URL = `https://developer.microsoft.com/en-us/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.Localization.schema.json`;

/** File names inside the zip: Teams wants every file at the root of the package. */
export const PACKAGE_FILES = {
  manifest: 'manifest.json',
  colorIcon: 'color.png',
  outlineIcon: 'outline.png',
  englishLocalization: 'en.json',
} as const;

export const DEFAULT_LANGUAGE_TAG = 'fr-fr';
export const ENGLISH_LANGUAGE_TAG = 'en';

export type BotScope = 'personal' | 'team' | 'groupChat';
/** Scopes in which the bot is installed, and one command list per scope (Teams' recommendation). */
export const BOT_SCOPES: readonly BotScope[] = ['personal', 'team', 'groupChat'];

/** One command shown in the Teams compose box (title and hint). */
export interface TeamsCommand {
  readonly title: string;
  readonly description: string;
}

/** The commands offered in the given scopes. */
export interface TeamsCommandList {
  readonly scopes: readonly BotScope[];
  readonly commands: readonly TeamsCommand[];
}

/** The manifest's `bots[]` item: the Azure Bot and where Teams may talk to it. */
export interface TeamsBot {
  readonly botId: string;
  readonly scopes: readonly BotScope[];
  readonly supportsFiles: boolean;
  readonly isNotificationOnly: boolean;
  readonly commandLists: readonly TeamsCommandList[];
}

/** The subset of the Teams manifest this project writes. */
export interface TeamsManifest {
  readonly $schema: string;
  readonly manifestVersion: string;
  readonly version: string;
  readonly id: string;
  readonly localizationInfo: {
    readonly defaultLanguageTag: string;
    readonly additionalLanguages: readonly { readonly languageTag: string; readonly file: string }[];
  };
  readonly developer: {
    readonly name: string;
    readonly websiteUrl: string;
    readonly privacyUrl: string;
    readonly termsOfUseUrl: string;
  };
  readonly name: { readonly short: string; readonly full: string };
  readonly description: { readonly short: string; readonly full: string };
  readonly icons: { readonly color: string; readonly outline: string };
  readonly accentColor: string;
  readonly bots: readonly TeamsBot[];
  readonly validDomains: readonly string[];
  readonly defaultInstallScope: BotScope;
}

/** A localization file: `$schema` plus keys such as `name.short` or `bots[0].commandLists[0].commands[1].description`. */
export type TeamsLocalization = Readonly<Record<string, string>>;

/** What varies between deployments of the manifest; everything else is fixed by the agency's listing. */
export interface TeamsManifestOptions {
  /** `MicrosoftAppId` of the Azure Bot: both the app id and the bot id. */
  readonly appId: string;
  /** Public host name of the bot (`BOT_DOMAIN`), without scheme. */
  readonly botDomain: string;
  /** App version, x.y.z (the project's package.json version). */
  readonly version: string;
}

export function buildTeamsManifest(options: TeamsManifestOptions): TeamsManifest {
  return {
    $schema: MANIFEST_SCHEMA_URL,
    manifestVersion: MANIFEST_VERSION,
    version: options.version,
    id: options.appId,
    localizationInfo: {
      defaultLanguageTag: DEFAULT_LANGUAGE_TAG,
      additionalLanguages: [{ languageTag: ENGLISH_LANGUAGE_TAG, file: PACKAGE_FILES.englishLocalization }],
    },
    developer: { ...DEVELOPER },
    name: { short: FRENCH_LISTING.nameShort, full: FRENCH_LISTING.nameFull },
    description: { short: FRENCH_LISTING.descriptionShort, full: FRENCH_LISTING.descriptionFull },
    icons: { color: PACKAGE_FILES.colorIcon, outline: PACKAGE_FILES.outlineIcon },
    accentColor: ACCENT_COLOR,
    bots: [
      {
        botId: options.appId,
        scopes: BOT_SCOPES,
        supportsFiles: false,
        isNotificationOnly: false,
        commandLists: BOT_SCOPES.map((scope) => ({ scopes: [scope], commands: commandsIn(FRENCH_LISTING) })),
      },
    ],
    validDomains: [options.botDomain],
    defaultInstallScope: 'personal',
  };
}

/** The English strings, keyed as Teams' localization schema expects. */
export function buildEnglishLocalization(): TeamsLocalization {
  const entries: [string, string][] = [
    ['$schema', LOCALIZATION_SCHEMA_URL],
    ['name.short', ENGLISH_LISTING.nameShort],
    ['name.full', ENGLISH_LISTING.nameFull],
    ['description.short', ENGLISH_LISTING.descriptionShort],
    ['description.full', ENGLISH_LISTING.descriptionFull],
  ];
  BOT_SCOPES.forEach((_scope, list) => {
    commandsIn(ENGLISH_LISTING).forEach((command, index) => {
      const key = `bots[0].commandLists[${list}].commands[${index}]`;
      entries.push([`${key}.title`, command.title], [`${key}.description`, command.description]);
    });
  });
  return Object.fromEntries(entries);
}

function commandsIn(listing: ListingText): TeamsCommand[] {
  return BOT_COMMAND_TITLES.map((title) => ({ title, description: listing.commandDescriptions[title] }));
}
