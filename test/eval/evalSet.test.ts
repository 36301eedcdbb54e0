import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledgeBase, type KnowledgeBase } from '../../knowledge/index.js';
import { REAL_KB_DIR as KB_DIR, REPO_ROOT } from '../fixtures/kb.js';
import { ASKED_FOLDER, entriesNotAsked, HELD_OUT_SET, loadEvalSet, TUNING_SETS } from './evalSet.js';

/** A labelled set by name: the tuning sets are questions vendors asked, in the KB's asked folder; the others stay here. */
function evalFile(name: string): string {
  return join(/^(?:tuning-v\d+|english-tuning)\.yaml$/.test(name) ? join(REPO_ROOT, ASKED_FOLDER) : import.meta.dirname, name);
}

let kb: KnowledgeBase;
let dir: string;
beforeAll(async () => {
  kb = await loadKnowledgeBase(KB_DIR);
  dir = await mkdtemp(join(tmpdir(), 'eval-set-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function setFile(text: string): Promise<string> {
  const file = join(dir, `set-${Math.random().toString(36).slice(2)}.yaml`);
  await writeFile(file, text);
  return file;
}

describe('labelled evaluation sets', () => {
  it.each([
    ['questions.yaml', 80, 10],
    ['heldout.yaml', 80, 10],
    ['tuning-v2.yaml', 150, 80],
    ['tuning-v3.yaml', 150, 80],
    ['tuning-v4.yaml', 200, 110],
    ['tuning-v5.yaml', 200, 100],
    ['tuning-v6.yaml', 200, 100],
    ['tuning-v7.yaml', 230, 110],
    ['tuning-v8.yaml', 230, 115],
    ['heldout-v2.yaml', 150, 80],
    ['english-tuning.yaml', 40, 10],
  ])('%s loads against the KB: known labels, no copied phrasing, enough questions', async (name, minInScope, minOutOfScope) => {
    const set = await loadEvalSet(evalFile(name), kb);
    expect(set.inScope.length).toBeGreaterThanOrEqual(minInScope);
    expect(set.outOfScope.length).toBeGreaterThanOrEqual(minOutOfScope);
  });

  it.each([
    ['questions.yaml', 'heldout.yaml'],
    ['tuning-v2.yaml', 'heldout-v2.yaml'],
    ['tuning-v3.yaml', 'heldout-v2.yaml'],
    ['tuning-v4.yaml', 'heldout-v2.yaml'],
    ['tuning-v5.yaml', 'heldout-v2.yaml'],
    ['tuning-v6.yaml', 'heldout-v2.yaml'],
    ['tuning-v7.yaml', 'heldout-v2.yaml'],
    ['tuning-v8.yaml', 'heldout-v2.yaml'],
    ['english-tuning.yaml', 'heldout-v2.yaml'],
  ])('%s and %s share no question', async (tuningName, heldOutName) => {
    const [tuning, heldOut] = await Promise.all([tuningName, heldOutName].map((name) => loadEvalSet(evalFile(name), kb)));
    const tuningQuestions = new Set([...tuning.inScope, ...tuning.outOfScope].map((item) => item.q.toLowerCase()));
    expect([...heldOut.inScope, ...heldOut.outOfScope].filter((item) => tuningQuestions.has(item.q.toLowerCase()))).toEqual([]);
  });

  it('the v2, v3 and v4 sets tag every question with its kind and hold the kinds the issue asks for', async () => {
    for (const name of ['tuning-v2.yaml', 'tuning-v3.yaml', 'tuning-v4.yaml', 'heldout-v2.yaml']) {
      const set = await loadEvalSet(evalFile(name), kb);
      expect(set.inScope.every((item) => item.kind !== undefined) && set.outOfScope.every((item) => item.kind !== undefined), name).toBe(true);
      expect(set.inScope.filter((item) => item.kind === 'long').length, name).toBeGreaterThanOrEqual(30);
      expect(set.outOfScope.filter((item) => item.kind === 'near').length, name).toBeGreaterThanOrEqual(50);
      expect(set.smallTalk?.length ?? 0, name).toBeGreaterThan(0);
    }
  });

  it('tuning-v4 holds what its brief asked for: every seed answer asked 10+ times, each kind, long questions of 25+ words', async () => {
    const set = await loadEvalSet(evalFile('tuning-v4.yaml'), kb);
    const perEntry = new Map<string, number>();
    for (const item of set.inScope) perEntry.set(item.id, (perEntry.get(item.id) ?? 0) + 1);
    expect(perEntry.size).toBeGreaterThanOrEqual(17);
    expect([...perEntry].filter(([, n]) => n < 10)).toEqual([]);
    const inScopeKinds = { paraphrase: 70, typo: 40, long: 45, english: 40 };
    for (const [kind, min] of Object.entries(inScopeKinds)) expect(set.inScope.filter((item) => item.kind === kind).length, kind).toBeGreaterThanOrEqual(min);
    expect(set.outOfScope.filter((item) => item.kind === 'near').length).toBeGreaterThanOrEqual(70);
    expect(set.outOfScope.filter((item) => item.kind === 'far').length).toBeGreaterThanOrEqual(40);
    expect(set.smallTalk?.length ?? 0).toBeGreaterThanOrEqual(40);
    const words = (q: string) => q.split(/\s+/).filter((word) => /\p{L}/u.test(word)).length;
    expect(set.inScope.filter((item) => item.kind === 'long' && words(item.q) < 25).map((item) => item.q)).toEqual([]);
  });

  it('tuning-v4 repeats no question of the earlier tuning sets (a copy would weigh twice in the fit)', async () => {
    const [v4, ...earlier] = await Promise.all(['tuning-v4.yaml', 'tuning-v2.yaml', 'tuning-v3.yaml'].map((name) => loadEvalSet(evalFile(name), kb)));
    const earlierQuestions = new Set(earlier.flatMap((set) => [...set.inScope, ...set.outOfScope]).map((item) => item.q.toLowerCase()));
    expect([...v4.inScope, ...v4.outOfScope].filter((item) => earlierQuestions.has(item.q.toLowerCase())).map((item) => item.q)).toEqual([]);
  });

  it.each([
    ['tuning-v5.yaml', 70],
    ['tuning-v6.yaml', 80],
    ['tuning-v7.yaml', 90],
    ['tuning-v8.yaml', 90],
  ])('%s holds what its brief asked for: every seed answer asked 11+ times, each kind (%i+ paraphrases), long questions of 25+ words', async (name, minParaphrases) => {
    const set = await loadEvalSet(evalFile(name), kb);
    expect(set.inScope.every((item) => item.kind !== undefined) && set.outOfScope.every((item) => item.kind !== undefined)).toBe(true);
    const perEntry = new Map<string, number>();
    for (const item of set.inScope) perEntry.set(item.id, (perEntry.get(item.id) ?? 0) + 1);
    expect(perEntry.size).toBeGreaterThanOrEqual(17);
    expect([...perEntry].filter(([, n]) => n < 11)).toEqual([]);
    const inScopeKinds = { paraphrase: minParaphrases, typo: 40, long: 40, english: 30 };
    for (const [kind, min] of Object.entries(inScopeKinds)) expect(set.inScope.filter((item) => item.kind === kind).length, kind).toBeGreaterThanOrEqual(min);
    expect(set.outOfScope.filter((item) => item.kind === 'near').length).toBeGreaterThanOrEqual(65);
    expect(set.outOfScope.filter((item) => item.kind === 'far').length).toBeGreaterThanOrEqual(35);
    const words = (q: string) => q.split(/\s+/).filter((word) => /\p{L}/u.test(word)).length;
    expect(set.inScope.filter((item) => item.kind === 'long' && words(item.q) < 25).map((item) => item.q)).toEqual([]);
    const questions = [...set.inScope, ...set.outOfScope].map((item) => item.q.toLowerCase());
    expect(questions.filter((q, i) => questions.indexOf(q) !== i)).toEqual([]);
  });

  it('tuning-v5 repeats no question of the earlier tuning sets (a copy would weigh twice in the fit)', async () => {
    const [v5, ...earlier] = await Promise.all(['tuning-v5.yaml', 'tuning-v2.yaml', 'tuning-v3.yaml', 'tuning-v4.yaml'].map((name) => loadEvalSet(evalFile(name), kb)));
    const earlierQuestions = new Set(earlier.flatMap((set) => [...set.inScope, ...set.outOfScope]).map((item) => item.q.toLowerCase()));
    expect([...v5.inScope, ...v5.outOfScope].filter((item) => earlierQuestions.has(item.q.toLowerCase())).map((item) => item.q)).toEqual([]);
  });

  it('tuning-v6 repeats no question of the earlier tuning sets nor of english-tuning (a copy would weigh twice in the fit)', async () => {
    const [v6, ...earlier] = await Promise.all(
      ['tuning-v6.yaml', 'tuning-v2.yaml', 'tuning-v3.yaml', 'tuning-v4.yaml', 'tuning-v5.yaml', 'english-tuning.yaml'].map((name) => loadEvalSet(evalFile(name), kb)),
    );
    const earlierQuestions = new Set(earlier.flatMap((set) => [...set.inScope, ...set.outOfScope]).map((item) => item.q.toLowerCase()));
    expect([...v6.inScope, ...v6.outOfScope].filter((item) => earlierQuestions.has(item.q.toLowerCase())).map((item) => item.q)).toEqual([]);
  });

  it.each([
    ['tuning-v7.yaml', ['tuning-v2.yaml', 'tuning-v3.yaml', 'tuning-v4.yaml', 'tuning-v5.yaml', 'tuning-v6.yaml', 'english-tuning.yaml']],
    ['tuning-v8.yaml', ['tuning-v2.yaml', 'tuning-v3.yaml', 'tuning-v4.yaml', 'tuning-v5.yaml', 'tuning-v6.yaml', 'tuning-v7.yaml', 'english-tuning.yaml']],
  ])('%s repeats no question of the earlier tuning sets nor of english-tuning (a copy would weigh twice in the fit)', async (name, earlierNames) => {
    const [set, ...earlier] = await Promise.all([name, ...earlierNames].map((file) => loadEvalSet(evalFile(file), kb)));
    const earlierQuestions = new Set(earlier.flatMap((each) => [...each.inScope, ...each.outOfScope]).map((item) => item.q.toLowerCase()));
    expect([...set.inScope, ...set.outOfScope].filter((item) => earlierQuestions.has(item.q.toLowerCase())).map((item) => item.q)).toEqual([]);
  });

  it('english-tuning holds English questions only, on every seed answer, none of them in the earlier tuning sets', async () => {
    const [english, ...earlier] = await Promise.all(
      ['english-tuning.yaml', 'tuning-v2.yaml', 'tuning-v3.yaml', 'tuning-v4.yaml', 'tuning-v5.yaml'].map((name) => loadEvalSet(evalFile(name), kb)),
    );
    expect(english.inScope.filter((item) => item.kind !== 'english').map((item) => item.q)).toEqual([]);
    expect(new Set(english.inScope.map((item) => item.id)).size).toBeGreaterThanOrEqual(17);
    expect(english.outOfScope.filter((item) => item.kind === 'near').length).toBeGreaterThanOrEqual(5);
    const earlierQuestions = new Set(earlier.flatMap((set) => [...set.inScope, ...set.outOfScope]).map((item) => item.q.toLowerCase()));
    expect([...english.inScope, ...english.outOfScope].filter((item) => earlierQuestions.has(item.q.toLowerCase())).map((item) => item.q)).toEqual([]);
  });

  it('the tuning sets are files of the KB’s asked folder, the held-out set is not', () => {
    const askedFiles = kb.asked.map((file) => file.file.slice(file.file.lastIndexOf('/') + 1));
    for (const set of TUNING_SETS) expect(set.startsWith(`${ASKED_FOLDER}/`), set).toBe(true);
    expect(askedFiles).toEqual(expect.arrayContaining([...TUNING_SETS.map((set) => set.slice(ASKED_FOLDER.length + 1)), 'english-tuning.yaml']));
    expect(askedFiles).not.toContain(HELD_OUT_SET.slice(HELD_OUT_SET.lastIndexOf('/') + 1));
  });

  it('accepts a set repeating an asked question (the KB that scores it has it not), refuses one copying an alternate', async () => {
    const entry = kb.entries.find((candidate) => candidate.asked !== undefined && candidate.asked.length > 0);
    if (entry?.asked === undefined) throw new Error('the real KB has asked questions');
    const repeat = await setFile(`inScope:\n  - { q: ${JSON.stringify(entry.asked[0])}, id: ${entry.id} }\noutOfScope: []\n`);
    expect((await loadEvalSet(repeat, kb)).inScope).toHaveLength(1);
    const copy = await setFile(`inScope:\n  - { q: ${JSON.stringify(entry.alternates[0])}, id: ${entry.id} }\noutOfScope: []\n`);
    await expect(loadEvalSet(copy, kb)).rejects.toThrow(/copied from the KB/);
  });

  it('refuses an unknown kind', async () => {
    const entry = kb.entries[0];
    const file = await setFile(`inScope:\n  - { q: "une question inventée ?", id: ${entry.id}, kind: poem }\noutOfScope: []\n`);
    await expect(loadEvalSet(file, kb)).rejects.toThrow(/must have inScope/);
  });

  it('names the entries no in-scope question asks about (npm run eval warns about them)', () => {
    const [first, second, third] = kb.entries;
    const set = { inScope: [{ q: 'a ?', id: first.id }, { q: 'b ?', id: third.id }], outOfScope: [{ q: 'c ?' }] };
    expect(entriesNotAsked(set, { entries: [first, second, third] })).toEqual([second.id]);
    expect(entriesNotAsked({ ...set, inScope: [...set.inScope, { q: 'd ?', id: second.id }] }, { entries: [first, second, third] })).toEqual([]);
  });

  it('refuses an unknown entry id', async () => {
    const file = await setFile('inScope:\n  - { q: "bonjour ?", id: pas-une-entree }\noutOfScope: []\n');
    await expect(loadEvalSet(file, kb)).rejects.toThrow(/unknown entry ids .*pas-une-entree/);
  });

  it('refuses a question copied from the KB, even with other accents and case', async () => {
    const entry = kb.entries[0];
    const copy = entry.question.normalize('NFD').replace(/\p{M}/gu, '').toUpperCase();
    const file = await setFile(`inScope:\n  - { q: ${JSON.stringify(copy)}, id: ${entry.id} }\noutOfScope: []\n`);
    await expect(loadEvalSet(file, kb)).rejects.toThrow(/copied from the KB/);
  });

  it('refuses a file of the wrong shape', async () => {
    const file = await setFile('inScope: nope\n');
    await expect(loadEvalSet(file, kb)).rejects.toThrow(/must have inScope/);
  });
});
