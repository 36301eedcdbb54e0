/** Microsoft Teams app package: manifest, icons, checks and zip. */
export {
  buildTeamsManifest,
  buildEnglishLocalization,
  BOT_SCOPES,
  DEFAULT_LANGUAGE_TAG,
  ENGLISH_LANGUAGE_TAG,
  LOCALIZATION_SCHEMA_URL,
  MANIFEST_SCHEMA_URL,
  MANIFEST_VERSION,
  PACKAGE_FILES,
} from './manifest.js';
export type { BotScope, TeamsLocalization, TeamsManifest, TeamsManifestOptions } from './manifest.js';
export { BOT_COMMAND_TITLES, DEVELOPER, ENGLISH_LISTING, FRENCH_LISTING } from './listing.js';
export { COLOR_ICON_SIZE, OUTLINE_ICON_SIZE, inspectPng, renderTeamsIcons } from './icons.js';
export type { PngFacts, TeamsIcons } from './icons.js';
export * from './validateManifest.js';
export { checkLocalizationRules } from './validateLocalization.js';
export { checkAgainstOfficialSchema, DEFAULT_SCHEMAS_DIR } from './officialSchema.js';
export type { SchemaCheck } from './officialSchema.js';
export {
  assembleTeamsPackage,
  MIN_OUTLINE_TRANSPARENT_SHARE,
  readTeamsPackage,
  validateTeamsPackage,
  zipTeamsPackage,
} from './teamsPackage.js';
export type { PackageFiles, PackageValidation } from './teamsPackage.js';
export { buildTeamsPackageFile, DEFAULT_PACKAGE_PATH } from './buildPackage.js';
export type { BuildOutcome } from './buildPackage.js';
