/**
 * Builds, checks, zips and reads the Teams app package: manifest.json, the English
 * localization file and the two icons, all at the root of the zip as Teams requires.
 */
import JSZip from 'jszip';
import { COLOR_ICON_SIZE, inspectPng, OUTLINE_ICON_SIZE, renderTeamsIcons } from './icons.js';
import { buildEnglishLocalization, buildTeamsManifest, PACKAGE_FILES, type TeamsManifestOptions } from './manifest.js';
import { checkAgainstOfficialSchema, type SchemaCheck } from './officialSchema.js';
import { isRecord } from '../../knowledge/index.js';
import { checkLocalizationRules } from './validateLocalization.js';
import { checkManifestRules, type ManifestExpectations } from './validateManifest.js';

/** The outline icon's background must be transparent: at least this share of its pixels. */
export const MIN_OUTLINE_TRANSPARENT_SHARE = 0.25;
/** A fixed time stamp on every zip entry, so that the same inputs give the same bytes. */
const ZIP_DATE = new Date('2024-01-01T00:00:00Z');
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export type PackageFiles = ReadonlyMap<string, Buffer>;

export type PackageValidation =
  | { readonly status: 'valid'; readonly schema: SchemaCheck }
  | { readonly status: 'invalid'; readonly problems: readonly string[]; readonly schema: SchemaCheck };

/** Inputs of the app package: the manifest options and the folder of the source icons. */
export interface AssembleOptions extends TeamsManifestOptions {
  /** Folder holding color.svg and outline.svg. */
  readonly assetsDir: string;
}

export async function assembleTeamsPackage(options: AssembleOptions): Promise<PackageFiles> {
  const manifest = buildTeamsManifest(options);
  const icons = await renderTeamsIcons(options.assetsDir);
  return new Map([
    [PACKAGE_FILES.manifest, jsonFile(manifest)],
    [PACKAGE_FILES.englishLocalization, jsonFile(buildEnglishLocalization())],
    [PACKAGE_FILES.colorIcon, icons.color],
    [PACKAGE_FILES.outlineIcon, icons.outline],
  ]);
}

/** How a built package is checked: expected manifest values and the official schemas to validate against. */
export interface ValidateOptions {
  readonly expect?: ManifestExpectations;
  /** Folder of the official schemas (one `vX.Y/` per version); defaults to ../shared/schemas/teams. */
  readonly schemasDir?: string;
}

/** Every rule that matters, over the files as they will be zipped (or as read back from a zip). */
export async function validateTeamsPackage(files: PackageFiles, options: ValidateOptions = {}): Promise<PackageValidation> {
  const problems: string[] = [];
  for (const name of files.keys()) {
    if (name.includes('/')) problems.push(`${name}: every file must sit at the root of the package`);
  }
  const manifest = parseJson(files, PACKAGE_FILES.manifest, problems);
  if (manifest === undefined) {
    return { status: 'invalid', problems, schema: { status: 'unavailable', reason: 'no readable manifest.json' } };
  }
  problems.push(...checkManifestRules(manifest, options.expect));

  const referenced = new Set<string>([PACKAGE_FILES.manifest]);
  const icons = isRecord(manifest) && isRecord(manifest.icons) ? manifest.icons : {};
  const color = typeof icons.color === 'string' ? icons.color : undefined;
  const outline = typeof icons.outline === 'string' ? icons.outline : undefined;
  if (color !== undefined) {
    referenced.add(color);
    problems.push(...(await checkIcon(files, color, 'color')));
  }
  if (outline !== undefined) {
    referenced.add(outline);
    problems.push(...(await checkIcon(files, outline, 'outline')));
  }
  for (const file of localizationFiles(manifest)) {
    referenced.add(file);
    const localization = parseJson(files, file, problems);
    if (localization !== undefined) problems.push(...checkLocalizationRules(localization, manifest, file));
  }
  for (const name of files.keys()) {
    if (!referenced.has(name)) problems.push(`${name}: the manifest does not use this file`);
  }

  const schema = await checkAgainstOfficialSchema(manifest, options.schemasDir);
  if (schema.status === 'invalid') problems.push(...schema.problems.map((problem) => `official schema: ${problem}`));
  return problems.length === 0 ? { status: 'valid', schema } : { status: 'invalid', problems, schema };
}

async function checkIcon(files: PackageFiles, name: string, kind: 'color' | 'outline'): Promise<string[]> {
  const png = files.get(name);
  if (png === undefined) return [`${name}: the ${kind} icon is missing from the package`];
  if (!png.subarray(0, PNG_SIGNATURE.length).equals(PNG_SIGNATURE)) return [`${name}: the ${kind} icon must be a PNG`];
  const facts = await inspectPng(png);
  const size = kind === 'color' ? COLOR_ICON_SIZE : OUTLINE_ICON_SIZE;
  const problems: string[] = [];
  if (facts.width !== size || facts.height !== size) {
    problems.push(`${name}: the ${kind} icon must be ${size}×${size} (got ${facts.width}×${facts.height})`);
  }
  if (kind === 'outline') {
    if (!facts.hasAlpha) problems.push(`${name}: the outline icon needs an alpha channel (transparent background)`);
    if (facts.nonWhiteVisiblePixels > 0) {
      problems.push(`${name}: the outline icon must be white on transparent (${facts.nonWhiteVisiblePixels} visible pixels are not white)`);
    }
    if (facts.transparentPixels < facts.totalPixels * MIN_OUTLINE_TRANSPARENT_SHARE) {
      problems.push(`${name}: the outline icon's background must be transparent`);
    }
    if (facts.transparentPixels === facts.totalPixels) problems.push(`${name}: the outline icon is empty`);
  }
  return problems;
}

function localizationFiles(manifest: unknown): string[] {
  if (!isRecord(manifest) || !isRecord(manifest.localizationInfo)) return [];
  const { additionalLanguages, defaultLanguageFile } = manifest.localizationInfo;
  const files = Array.isArray(additionalLanguages)
    ? additionalLanguages.flatMap((language: unknown) => (isRecord(language) && typeof language.file === 'string' ? [language.file] : []))
    : [];
  return typeof defaultLanguageFile === 'string' ? [defaultLanguageFile, ...files] : files;
}

function parseJson(files: PackageFiles, name: string, problems: string[]): unknown {
  const bytes = files.get(name);
  if (bytes === undefined) {
    problems.push(`${name}: missing from the package`);
    return undefined;
  }
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    problems.push(`${name}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
    return undefined;
  }
}

function jsonFile(value: unknown): Buffer {
  return Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');
}

export async function zipTeamsPackage(files: PackageFiles): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, bytes] of files) zip.file(name, bytes, { date: ZIP_DATE });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

/** Reads a package back (for checks and tests); folders are kept in the names so the root rule can see them. */
export async function readTeamsPackage(zipBytes: Buffer): Promise<PackageFiles> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(zipBytes);
  } catch (cause) {
    throw new Error('readTeamsPackage: not a zip file', { cause });
  }
  const files = new Map<string, Buffer>();
  for (const entry of Object.values(zip.files)) {
    if (!entry.dir) files.set(entry.name, await entry.async('nodebuffer'));
  }
  return files;
}
