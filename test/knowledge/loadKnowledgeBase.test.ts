import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KnowledgeBaseError, MIN_ALTERNATES, loadKnowledgeBase } from '../../knowledge/index.js';
import { ENTRIES_YAML, SYNONYMS_YAML, TAXONOMY_YAML, lineOf } from './support/kbFixture.js';
import { EXPECTED } from './support/expectedEntries.js';
import { FIXTURE_KB_DIR, REAL_KB_DIR } from './support/paths.js';

describe('the real knowledge base', () => {
  // The FAQ team adds and edits entries every week: these are rules that hold whatever the KB holds.
  it('loads, and no answer carries the feedback question the bot adds itself', async () => {
    const kb = await loadKnowledgeBase(REAL_KB_DIR);
    expect(kb.entries.length).toBeGreaterThan(0);
    for (const entry of kb.entries) expect(entry.answer, entry.id).not.toMatch(/Cette réponse vous a-t-elle été utile/);
  });

  it('flags every answer that points at a figure below, which the bot cannot show', async () => {
    const kb = await loadKnowledgeBase(REAL_KB_DIR);
    for (const entry of kb.entries) {
      expect(entry.missingFigure !== undefined, entry.id).toBe(/ci-dessous/.test(entry.answer));
    }
  });

  it('has synonyms for the acronyms the FAQ uses', async () => {
    const kb = await loadKnowledgeBase(REAL_KB_DIR);
    const terms = kb.synonyms.flatMap((g) => [g.canonical, ...g.terms]);
    for (const acronym of ['MES', 'MOS', 'NOS', 'TRE', 'JDV', 'ASS', 'ANS', 'DMP', 'CI-SIS', 'ROR', 'RPPS', 'INS', 'UML']) {
      expect(terms, acronym).toContain(acronym);
    }
  });
});

describe('the fixture knowledge base (test/fixtures/kb, the 17 seed answers)', () => {
  it('loads the 17 entries with the agreed ids and facets', async () => {
    const kb = await loadKnowledgeBase(FIXTURE_KB_DIR);
    expect(kb.entries).toHaveLength(17);
    const byId = new Map(kb.entries.map((e) => [e.id, e]));
    for (const expected of EXPECTED) {
      const entry = byId.get(expected.id);
      expect(entry, expected.id).toBeDefined();
      expect({ id: entry?.id, offer: entry?.offer, theme: entry?.theme, product: entry?.product }).toEqual({ product: undefined, ...expected });
      expect(entry?.corridor).toBeUndefined();
      expect(entry?.dispositif).toBeUndefined();
    }
  });

  it('gives every entry enough alternates, a review date and the innovation contact where the seed names it', async () => {
    const kb = await loadKnowledgeBase(FIXTURE_KB_DIR);
    for (const entry of kb.entries) {
      expect(entry.alternates.length, entry.id).toBeGreaterThanOrEqual(MIN_ALTERNATES);
      expect(entry.reviewed, entry.id).toBe('2026-11-26');
      expect(entry.contact, entry.id).toBe(entry.offer === 'innovation' ? 'innovation@esante.gouv.fr' : undefined);
      expect(entry.answer, entry.id).not.toMatch(/Cette réponse vous a-t-elle été utile/);
    }
  });

  it('flags exactly the two answers whose figure is missing from the source', async () => {
    const kb = await loadKnowledgeBase(FIXTURE_KB_DIR);
    const flagged = kb.entries.filter((e) => e.missingFigure !== undefined);
    expect(flagged.map((e) => e.id).sort()).toEqual(['mos-modelisation-uml', 'mos-nos-pourquoi']);
    for (const entry of flagged) expect(entry.answer).toMatch(/ci-dessous/);
  });

  it('keeps answer 12 starting with its list and answer 13 with its 2021 dates', async () => {
    const kb = await loadKnowledgeBase(FIXTURE_KB_DIR);
    const byId = new Map(kb.entries.map((e) => [e.id, e]));
    expect(byId.get('mes-referencement-benefices')?.answer.startsWith('- la visibilité de mon service numérique')).toBe(true);
    expect(byId.get('mes-referencement-calendrier')?.answer).toContain('A partir d’août 2021');
  });
});

describe('loadKnowledgeBase on a folder', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'kb-test-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function copyFixtureKb(): Promise<void> {
    await cp(FIXTURE_KB_DIR, dir, { recursive: true });
  }

  async function editFile(relative: string, edit: (text: string) => string): Promise<void> {
    const file = path.join(dir, relative);
    const before = await readFile(file, 'utf8');
    const after = edit(before);
    expect(after).not.toBe(before);
    await writeFile(file, after);
  }

  it('computes the same version on two loads', async () => {
    const [first, second] = [await loadKnowledgeBase(REAL_KB_DIR), await loadKnowledgeBase(REAL_KB_DIR)];
    expect(first.version).toMatch(/^[0-9a-f]{64}$/);
    expect(second.version).toBe(first.version);
  });

  it('changes the version when an answer changes', async () => {
    await copyFixtureKb();
    const original = await loadKnowledgeBase(dir);
    await editFile('entries/mos-nos.yaml', (t) => t.replace('sont mis à jour à la fin de chaque mois.', 'sont mis à jour chaque semaine.'));
    const edited = await loadKnowledgeBase(dir);
    expect(edited.version).not.toBe(original.version);
  });

  it('keeps the version when only comments and quoting change', async () => {
    await copyFixtureKb();
    const original = await loadKnowledgeBase(dir);
    await editFile('entries/innovation.yaml', (t) => `# an editorial note\n${t.replace('reviewed: "2026-11-26"', "reviewed: '2026-11-26' # checked")}`);
    await editFile('synonyms.yaml', (t) => t.replace('# KB-level', '# Edited comment. KB-level'));
    expect((await loadKnowledgeBase(dir)).version).toBe(original.version);
  });

  it('reads the asked folder: its questions become phrasings, and an edit there changes the version, cached or not', async () => {
    await copyFixtureKb();
    const cacheDir = path.join(dir, 'index');
    const without = await loadKnowledgeBase(dir, { cacheDir });
    expect(without.asked).toEqual([]);
    await mkdir(path.join(dir, 'asked'));
    const asked = 'inScope:\n  - { q: "Le MOS, à quoi ça sert au juste ?", id: mos-definition, kind: paraphrase }\noutOfScope: []\n';
    await writeFile(path.join(dir, 'asked', 'semaine-48.yaml'), asked);
    const first = await loadKnowledgeBase(dir, { cacheDir });
    expect(first.version).not.toBe(without.version);
    expect(first.asked.map((file) => file.file)).toEqual([path.join(dir, 'asked', 'semaine-48.yaml')]);
    expect(first.entries.find((entry) => entry.id === 'mos-definition')?.asked).toEqual(['Le MOS, à quoi ça sert au juste ?']);
    expect((await loadKnowledgeBase(dir, { cacheDir })).version).toBe(first.version);
    await editFile('asked/semaine-48.yaml', (t) => t.replace('au juste', 'exactement'));
    const edited = await loadKnowledgeBase(dir, { cacheDir });
    expect(edited.version).not.toBe(first.version);
    expect(edited.entries.find((entry) => entry.id === 'mos-definition')?.asked).toEqual(['Le MOS, à quoi ça sert exactement ?']);
  });

  it('names the asked file, line and field of a question labelled with an unknown entry', async () => {
    await copyFixtureKb();
    await mkdir(path.join(dir, 'asked'));
    const asked = 'inScope:\n  - { q: "Le MOS ?", id: mos-definition }\n  - { q: "Le TRE ?", id: tre-inconnu }\noutOfScope: []\n';
    await writeFile(path.join(dir, 'asked', 'semaine-48.yaml'), asked);
    await expect(loadKnowledgeBase(dir)).rejects.toMatchObject({
      name: 'KnowledgeBaseError',
      problems: [{ file: path.join(dir, 'asked', 'semaine-48.yaml'), line: 3, column: 26, field: 'inScope[1].id', message: 'unknown entry id "tre-inconnu"' }],
    });
  });

  it('throws KnowledgeBaseError locating a syntax error and a content error in different files', async () => {
    await mkdir(path.join(dir, 'entries'));
    await writeFile(path.join(dir, 'taxonomy.yaml'), TAXONOMY_YAML);
    await writeFile(path.join(dir, 'synonyms.yaml'), SYNONYMS_YAML);
    const broken = ENTRIES_YAML.replace('theme: presentation', 'theme: [presentation');
    await writeFile(path.join(dir, 'entries', 'a.yaml'), broken);
    const unknown = ENTRIES_YAML.replace(/offer: innovation/g, 'offer: inconnue').replace(/premiere-entree|seconde-entree/g, (id) => `${id}-b`)
      .replace(/Alpha|Beta/g, (p) => `${p}B`);
    await writeFile(path.join(dir, 'entries', 'b.yaml'), unknown);
    const error = await loadKnowledgeBase(dir).then(
      () => { throw new Error('expected loadKnowledgeBase to reject'); },
      (e: unknown) => e,
    );
    if (!(error instanceof KnowledgeBaseError)) throw new Error('expected a KnowledgeBaseError', { cause: error });
    const problems = error.problems;
    const fileA = path.join(dir, 'entries', 'a.yaml');
    const fileB = path.join(dir, 'entries', 'b.yaml');
    expect(problems.find((p) => p.file === fileA)?.message).toMatch(/^YAML syntax error/);
    expect(problems.filter((p) => p.file === fileB)).toEqual([
      expect.objectContaining({ line: lineOf(unknown, 'offer: inconnue'), entryId: 'premiere-entree-b', field: 'offer' }),
      expect.objectContaining({ line: lineOf(unknown, 'offer: inconnue', 'seconde-entree-b'), entryId: 'seconde-entree-b', field: 'offer' }),
    ]);
    expect(error.message).toContain(`${fileB}:${lineOf(unknown, 'offer: inconnue')}:12 [premiere-entree-b] offer: unknown value "inconnue"`);
  });

  it('reports missing files as problems rather than crashing', async () => {
    await mkdir(path.join(dir, 'entries'));
    await writeFile(path.join(dir, 'entries', 'a.yaml'), ENTRIES_YAML);
    await expect(loadKnowledgeBase(dir)).rejects.toMatchObject({
      name: 'KnowledgeBaseError',
      problems: [
        { file: path.join(dir, 'synonyms.yaml'), line: 1, column: 1, message: 'file not found' },
        { file: path.join(dir, 'taxonomy.yaml'), line: 1, column: 1, message: 'file not found' },
      ],
    });
  });

  it('reports a folder without entry files', async () => {
    await mkdir(path.join(dir, 'entries'));
    await writeFile(path.join(dir, 'taxonomy.yaml'), TAXONOMY_YAML);
    await writeFile(path.join(dir, 'synonyms.yaml'), SYNONYMS_YAML);
    await expect(loadKnowledgeBase(dir)).rejects.toMatchObject({ problems: [{ file: path.join(dir, 'entries'), line: 1, column: 1, message: 'no *.yaml entry file in this folder' }] });
  });

  it('throws a failure with its cause when a file cannot be read for another reason', async () => {
    await mkdir(path.join(dir, 'entries'));
    await mkdir(path.join(dir, 'taxonomy.yaml'));
    const error = await loadKnowledgeBase(dir).then(() => undefined, (e: unknown) => e);
    if (!(error instanceof Error) || error instanceof KnowledgeBaseError) throw new Error('expected a plain failure', { cause: error });
    expect(error.message).toBe(`loadKnowledgeBase: cannot read ${path.join(dir, 'taxonomy.yaml')}`);
    expect(error.cause).toMatchObject({ code: 'EISDIR' });
  });
});
