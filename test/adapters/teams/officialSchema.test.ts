import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildTeamsManifest,
  checkAgainstOfficialSchema,
  DEFAULT_SCHEMAS_DIR,
  MANIFEST_VERSION,
} from '../../../adapters/teams/index.js';

const schemaFile = path.join(DEFAULT_SCHEMAS_DIR, `v${MANIFEST_VERSION}`, 'MicrosoftTeams.schema.json');
const haveSchema = existsSync(schemaFile);
if (!haveSchema) {
  console.warn(`Official Teams schema not found at ${schemaFile}: the schema tests are skipped, the hand-written rules still run.`);
}
const manifest = buildTeamsManifest({
  appId: '3f2504e0-4f89-11d3-9a0c-0305e82c3301',
  botDomain: 'faq-bot.esante.example.fr',
  version: '0.1.0',
});

describe.skipIf(!haveSchema)(`official Teams schema v${MANIFEST_VERSION}`, () => {
  it('accepts the generated manifest', async () => {
    const result = await checkAgainstOfficialSchema(manifest);
    expect(result).toEqual({ status: 'valid', schemaFile });
  });

  it('rejects a manifest that breaks the schema, with the reasons', async () => {
    const broken = { ...manifest, id: 'not-a-guid', accentColor: 'blue', unknownField: true };
    const result = await checkAgainstOfficialSchema(broken);
    expect(result.status).toBe('invalid');
    const problems = result.status === 'invalid' ? result.problems.join('\n') : '';
    expect(problems).toMatch(/\/id must match pattern/);
    expect(problems).toMatch(/\/accentColor must match pattern/);
    expect(problems).toMatch(/must NOT have additional properties.*unknownField/);
  });

  it('enforces keywords newer than draft-04 that the schema uses (const on manifestVersion)', async () => {
    // A schema folder where v1.28 holds the 1.29 schema: only its `const: "1.29"` can object.
    const dir = await mkdtemp(path.join(os.tmpdir(), 'schemas-'));
    await mkdir(path.join(dir, 'v1.28'));
    await copyFile(schemaFile, path.join(dir, 'v1.28', 'MicrosoftTeams.schema.json'));
    const result = await checkAgainstOfficialSchema({ ...manifest, manifestVersion: '1.28' }, dir);
    expect(result.status).toBe('invalid');
    expect(result.status === 'invalid' ? result.problems : []).toEqual([
      '/manifestVersion must be equal to constant ({"allowedValue":"1.29"})',
    ]);
  });
});

describe('without the official schemas', () => {
  it('says the check is unavailable instead of failing', async () => {
    const empty = await mkdtemp(path.join(os.tmpdir(), 'no-schemas-'));
    const result = await checkAgainstOfficialSchema(manifest, empty);
    expect(result.status).toBe('unavailable');
    expect(result.status === 'unavailable' ? result.reason : '').toContain('only the hand-written rules were checked');
  });
});
