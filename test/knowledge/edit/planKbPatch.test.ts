import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  DRAFT_ANSWER,
  EntriesYamlEditor,
  foldForComparison,
  loadKnowledgeBase,
  planKbPatch,
  readKbSources,
  validateKnowledgeBase,
  type KbImprovement,
  type KbPatchPlan,
  type KbSources,
  type NewEntryDraft,
} from '../../../knowledge/index.js';
import { REAL_KB_DIR } from '../support/paths.js';

const ROOT = REAL_KB_DIR;
let sources: KbSources;
beforeAll(async () => {
  sources = await readKbSources(ROOT);
});

function plan(improvements: readonly KbImprovement[]): KbPatchPlan {
  return planKbPatch(sources, improvements, { root: ROOT });
}

function okPlan(improvements: readonly KbImprovement[]): KbPatchPlan & { ok: true } {
  const result = plan(improvements);
  if (!result.ok) throw new Error(`expected a patch, got problems: ${JSON.stringify(result.problems)}`);
  return result;
}

/** The KB the plan's changes make, validated by the real validator. */
function patchedKb(result: KbPatchPlan & { ok: true }) {
  const byPath = new Map(result.changes.map((change) => [change.path, change.after]));
  const entries = sources.entries.map((source) => ({ file: source.file, text: byPath.get(relative(source.file)) ?? source.text }));
  for (const change of result.changes) {
    if (change.before === undefined) entries.push({ file: path.join(ROOT, change.path), text: change.after });
  }
  const validation = validateKnowledgeBase({ ...sources, entries });
  if (!validation.ok) throw new Error(JSON.stringify(validation.problems));
  return validation.kb;
}

const relative = (file: string): string => path.relative(ROOT, file).split(path.sep).join('/');

/** A draft in the shape the console builds from a cluster of unanswered questions. */
function draft(overrides: Partial<NewEntryDraft> = {}): NewEntryDraft {
  return {
    id: 'mos-nos-licence',
    question: 'Sous quelle licence les nomenclatures NOS sont-elles publiées ?',
    alternates: [
      'Les NOS sont-elles en licence ouverte ?',
      'Peut-on redistribuer les NOS dans un logiciel commercial ?',
      'Quelle licence pour réutiliser les nomenclatures des objets de santé ?',
      'NOS : licence Etalab ou autre ?',
      'Ai-je le droit d’intégrer les NOS dans mon produit ?',
      'Les jeux de valeurs NOS sont-ils libres de droits ?',
    ],
    facets: { offer: 'mos-nos', theme: 'presentation' },
    ...overrides,
  };
}

describe('EntriesYamlEditor', () => {
  it('prints every real entries file back byte for byte, comments included', () => {
    for (const source of sources.entries) {
      expect(EntriesYamlEditor.parse(source.text).toString(), source.file).toBe(source.text);
    }
  });
});

describe('planKbPatch', () => {
  it('adds a phrasing as the last alternate of its entry, changing one line and keeping every comment', async () => {
    const kb = await loadKnowledgeBase(ROOT);
    const target = kb.entries[1];
    const text = 'Comment monter un partenariat entre ma jeune pousse et l’ANS ?';
    const result = okPlan([{ kind: 'phrasing', entryId: target.id, text }]);
    expect(result.refused).toEqual([]);
    expect(result.changes).toHaveLength(1);
    const [change] = result.changes;
    expect(path.join(ROOT, change.path)).toBe(target.source.file);
    const before = (change.before ?? '').split('\n');
    const after = change.after.split('\n');
    expect(after).toHaveLength(before.length + 1);
    const added = after.findIndex((line, index) => line !== before[index]);
    expect(after[added]).toBe(`      - "${text}"`);
    expect([...after.slice(0, added), ...after.slice(added + 1)]).toEqual(before);
    expect(after.filter((line) => line.trim().startsWith('#'))).toEqual(before.filter((line) => line.trim().startsWith('#')));
    const entry = patchedKb(result).entries.find((e) => e.id === target.id);
    expect(entry?.alternates.at(-1)).toBe(text);
    expect(result.kbVersion).toBe(patchedKb(result).version);
    expect(result.patch).toContain(`+++ b/knowledge/data/${change.path}`);
    expect(result.patch).toContain(`+      - "${text}"`);
  });

  it('refuses a phrasing the KB already has, for the same entry or another, whatever the accents and case', async () => {
    const kb = await loadKnowledgeBase(ROOT);
    const [first, second] = kb.entries;
    const known = first.alternates[0];
    const variant = foldForComparison(known).toUpperCase();
    const result = okPlan([
      { kind: 'phrasing', entryId: first.id, text: known },
      { kind: 'phrasing', entryId: second.id, text: variant },
      { kind: 'phrasing', entryId: second.id, text: `  ${second.question}  ` },
    ]);
    expect(result.refused.map((r) => [r.code, r.reason])).toEqual([
      ['duplicate-phrasing', `already a phrasing of entry ${first.id}`],
      ['duplicate-phrasing', `already a phrasing of entry ${first.id}`],
      ['duplicate-phrasing', `already a phrasing of entry ${second.id}`],
    ]);
    expect(result.changes).toEqual([]);
    expect(result.patch).toBe('');
  });

  it('keeps one of two identical new phrasings and refuses unknown entries and empty texts', async () => {
    const kb = await loadKnowledgeBase(ROOT);
    const id = kb.entries[0].id;
    const text = 'D’où vient exactement l’offre innovation proposée par l’agence ?';
    const result = okPlan([
      { kind: 'phrasing', entryId: id, text },
      { kind: 'phrasing', entryId: id, text: text.toLowerCase() },
      { kind: 'phrasing', entryId: 'entree-inexistante', text: 'Une question quelconque sur le catalogue ?' },
      { kind: 'phrasing', entryId: id, text: ' \n ' },
    ]);
    expect(result.applied).toEqual([{ kind: 'phrasing', entryId: id, text }]);
    expect(result.refused.map((r) => r.code)).toEqual(['duplicate-phrasing', 'unknown-entry', 'invalid-text']);
  });

  it('appends a new entry to its offer’s file with a marked draft answer, and the KB loads', () => {
    const result = okPlan([{ kind: 'entry', draft: draft() }]);
    expect(result.changes.map((c) => c.path)).toEqual(['entries/mos-nos.yaml']);
    const after = result.changes[0].after;
    expect(after).toContain('  - id: mos-nos-licence\n    question: "Sous quelle licence les nomenclatures NOS sont-elles publiées ?"\n    alternates:\n');
    expect(after).toMatch(/ {4}theme: presentation\n {4}# DRAFT .*\n {4}answer: \|-\n {6}\[BROUILLON\]/);
    const entry = patchedKb(result).entries.find((e) => e.id === 'mos-nos-licence');
    expect(entry?.answer).toBe(DRAFT_ANSWER);
    expect(entry?.alternates).toEqual(draft().alternates);
  });

  it('writes the answer the curator typed, verbatim, lines and list kept, line ends normalised, with no draft mark', () => {
    const answer = 'Les nomenclatures sont publiées sous Licence Ouverte 2.0.\r\n\r\n- réutilisation libre ;  \r\n- mention de la source.\r\n';
    const result = okPlan([{ kind: 'entry', draft: draft({ answer }) }]);
    expect(result.changes[0].after).not.toContain('BROUILLON');
    expect(result.changes[0].after).not.toContain('# DRAFT');
    const entry = patchedKb(result).entries.find((e) => e.id === 'mos-nos-licence');
    expect(entry?.answer).toBe('Les nomenclatures sont publiées sous Licence Ouverte 2.0.\n\n- réutilisation libre ;\n- mention de la source.');
    const blank = okPlan([{ kind: 'entry', draft: draft({ answer: ' \r\n ' }) }]);
    expect(patchedKb(blank).entries.find((e) => e.id === 'mos-nos-licence')?.answer).toBe(DRAFT_ANSWER);
  });

  it('creates the file of an offer that has no entry yet', () => {
    const segur = draft({
      id: 'segur-sons-hopital-calendrier',
      question: 'Quel est le calendrier du dispositif SONS pour le couloir hôpital ?',
      alternates: draft().alternates.map((text) => `${text.replace(/ \?$/, '')} (Ségur hôpital) ?`),
      facets: { offer: 'segur', corridor: 'hopital', dispositif: 'sons', theme: 'presentation' },
    });
    const result = okPlan([{ kind: 'entry', draft: segur }]);
    expect(result.changes).toHaveLength(1);
    expect(result.changes[0]).toMatchObject({ path: 'entries/segur.yaml', before: undefined });
    expect(result.changes[0].after).toMatch(/^# FAQ entries of the offer "segur"/);
    expect(result.patch.startsWith('--- /dev/null\n+++ b/knowledge/data/entries/segur.yaml\n')).toBe(true);
    expect(patchedKb(result).entries.map((e) => e.id)).toContain(segur.id);
  });

  it('refuses a draft the validator rejects, naming file, line and field, and still patches the other improvements', async () => {
    const kb = await loadKnowledgeBase(ROOT);
    const short = draft({ alternates: draft().alternates.slice(0, 2) });
    const phrasing: KbImprovement = { kind: 'phrasing', entryId: kb.entries[0].id, text: 'Qui a co-construit l’offre innovation de l’agence ?' };
    const result = okPlan([{ kind: 'entry', draft: short }, phrasing]);
    expect(result.applied).toEqual([phrasing]);
    expect(result.refused).toHaveLength(1);
    const [refusal] = result.refused;
    expect(refusal.code).toBe('invalid-entry');
    expect(refusal.problems).toEqual([
      expect.objectContaining({ file: path.join(ROOT, 'entries/mos-nos.yaml'), entryId: 'mos-nos-licence', field: 'alternates', message: 'has 2 alternates, at least 6 are required' }),
    ]);
    expect(refusal.problems?.[0].line).toBeGreaterThan(sources.entries.find((s) => s.file.endsWith('mos-nos.yaml'))?.text.split('\n').length ?? 0);
    expect(result.changes.map((c) => c.path)).toEqual([relative(kb.entries[0].source.file)]);
  });

  it('refuses a draft whose id, question or offer cannot be used', async () => {
    const kb = await loadKnowledgeBase(ROOT);
    const result = okPlan([
      { kind: 'entry', draft: draft({ id: kb.entries[0].id }) },
      { kind: 'entry', draft: draft({ id: 'brouillon-deux', question: kb.entries[2].alternates[1] }) },
      { kind: 'entry', draft: draft({ id: 'brouillon-trois', facets: { offer: '../../etc', theme: 'presentation' } }) },
      { kind: 'entry', draft: draft({ id: 'brouillon-quatre', file: '../taxonomy.yaml' }) },
      { kind: 'entry', draft: draft({ facets: { offer: 'mos-nos', theme: 'theme-inconnu' } }) },
    ]);
    expect(result.refused.map((r) => r.code)).toEqual(['duplicate-id', 'duplicate-phrasing', 'invalid-file', 'invalid-file', 'invalid-entry']);
    expect(result.refused[4].reason).toMatch(/mos-nos\.yaml:\d+:\d+ \[mos-nos-licence\] theme: unknown value "theme-inconnu"/);
    expect(result.changes).toEqual([]);
  });

  it('reports the current KB’s problems instead of patching an invalid KB', () => {
    const [first, ...rest] = sources.entries;
    const broken = { ...sources, entries: [{ file: first.file, text: first.text.replace(/theme: \S+/, 'theme: inconnu') }, ...rest] };
    const result = planKbPatch(broken, [{ kind: 'entry', draft: draft() }], { root: ROOT });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([expect.objectContaining({ file: first.file, field: 'theme' })]);
  });
});
