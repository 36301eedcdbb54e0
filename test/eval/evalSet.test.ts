import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledgeBase, type KnowledgeBase } from '../../knowledge/index.js';
import { REAL_KB_DIR as KB_DIR } from '../fixtures/kb.js';
import { entriesNotAsked, loadEvalSet } from './evalSet.js';

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
    ['heldout-v2.yaml', 150, 80],
  ])('%s loads against the KB: known labels, no copied phrasing, enough questions', async (name, minInScope, minOutOfScope) => {
    const set = await loadEvalSet(join(import.meta.dirname, name), kb);
    expect(set.inScope.length).toBeGreaterThanOrEqual(minInScope);
    expect(set.outOfScope.length).toBeGreaterThanOrEqual(minOutOfScope);
  });

  it.each([
    ['questions.yaml', 'heldout.yaml'],
    ['tuning-v2.yaml', 'heldout-v2.yaml'],
    ['tuning-v3.yaml', 'heldout-v2.yaml'],
  ])('%s and %s share no question', async (tuningName, heldOutName) => {
    const [tuning, heldOut] = await Promise.all([tuningName, heldOutName].map((name) => loadEvalSet(join(import.meta.dirname, name), kb)));
    const tuningQuestions = new Set([...tuning.inScope, ...tuning.outOfScope].map((item) => item.q.toLowerCase()));
    expect([...heldOut.inScope, ...heldOut.outOfScope].filter((item) => tuningQuestions.has(item.q.toLowerCase()))).toEqual([]);
  });

  it('the v2 and v3 sets tag every question with its kind and hold the kinds the issue asks for', async () => {
    for (const name of ['tuning-v2.yaml', 'tuning-v3.yaml', 'heldout-v2.yaml']) {
      const set = await loadEvalSet(join(import.meta.dirname, name), kb);
      expect(set.inScope.every((item) => item.kind !== undefined) && set.outOfScope.every((item) => item.kind !== undefined), name).toBe(true);
      expect(set.inScope.filter((item) => item.kind === 'long').length, name).toBeGreaterThanOrEqual(30);
      expect(set.outOfScope.filter((item) => item.kind === 'near').length, name).toBeGreaterThanOrEqual(50);
      expect(set.smallTalk?.length ?? 0, name).toBeGreaterThan(0);
    }
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
