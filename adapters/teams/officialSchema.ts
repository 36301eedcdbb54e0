/**
 * Validates a manifest with Microsoft's official JSON schema when a copy is at hand.
 *
 * The schemas (draft-04, one folder per manifest version) live in `../shared/schemas/teams/`
 * beside the repository root on the project's machines; a user's clone does not have them,
 * so the check reports itself as unavailable there instead of failing.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import AjvDraft04Module from 'ajv-draft-04';

export const SCHEMA_FILE = 'MicrosoftTeams.schema.json';

/** Where the official schemas sit relative to this repository's root. */
export const DEFAULT_SCHEMAS_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  'shared',
  'schemas',
  'teams',
);

export type SchemaCheck =
  | { readonly status: 'valid'; readonly schemaFile: string }
  | { readonly status: 'invalid'; readonly schemaFile: string; readonly problems: readonly string[] }
  | { readonly status: 'unavailable'; readonly reason: string };

export async function checkAgainstOfficialSchema(
  manifest: unknown,
  schemasDir: string = DEFAULT_SCHEMAS_DIR,
): Promise<SchemaCheck> {
  const version =
    typeof manifest === 'object' && manifest !== null && 'manifestVersion' in manifest ? manifest.manifestVersion : undefined;
  if (typeof version !== 'string') return { status: 'unavailable', reason: 'the manifest has no manifestVersion' };
  const schemaFile = path.join(schemasDir, `v${version}`, SCHEMA_FILE);
  if (!existsSync(schemaFile)) {
    return { status: 'unavailable', reason: `no official schema at ${schemaFile} (only the hand-written rules were checked)` };
  }
  const validate = await validatorFor(schemaFile);
  if (validate(manifest)) return { status: 'valid', schemaFile };
  const problems = (validate.errors ?? []).map(
    (error) => `${error.instancePath || '/'} ${error.message ?? 'is invalid'}${paramsText(error.params)}`,
  );
  return { status: 'invalid', schemaFile, problems };
}

type Validator = ReturnType<typeof compile>;
/** Compiling a 120 kB schema takes ~0.5 s: once per file and process is enough. */
const validators = new Map<string, Validator>();

async function validatorFor(schemaFile: string): Promise<Validator> {
  const known = validators.get(schemaFile);
  if (known) return known;
  let schema: unknown;
  try {
    schema = JSON.parse(await readFile(schemaFile, 'utf8'));
  } catch (cause) {
    throw new Error(`checkAgainstOfficialSchema: cannot read ${schemaFile}`, { cause });
  }
  const validate = compile(schema, schemaFile);
  validators.set(schemaFile, validate);
  return validate;
}

function compile(schema: unknown, schemaFile: string) {
  const Ajv = AjvDraft04Module.default;
  // strictSchema stays on so that a keyword ajv does not know fails loudly instead of being
  // skipped; strictTypes is off because the official schemas put `additionalProperties`
  // beside `$ref` without `type`, and some of their patterns use escapes that are invalid
  // with the `u` flag (v1.23, v1.25).
  const ajv = new Ajv({
    allErrors: true,
    strictSchema: true,
    strictTypes: false,
    strictTuples: false,
    strictRequired: false,
    unicodeRegExp: false,
  });
  // The only format the schemas use; `$schema` must still be an absolute URL.
  ajv.addFormat('uri', (value: string) => URL.canParse(value));
  if (typeof schema !== 'object' || schema === null) throw new Error(`checkAgainstOfficialSchema: ${schemaFile} is not a schema`);
  try {
    return ajv.compile(schema);
  } catch (cause) {
    throw new Error(`checkAgainstOfficialSchema: cannot compile ${schemaFile}`, { cause });
  }
}

function paramsText(params: unknown): string {
  if (typeof params !== 'object' || params === null || Object.keys(params).length === 0) return '';
  return ` (${JSON.stringify(params)})`;
}
