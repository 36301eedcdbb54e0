import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFilters, toAskResult } from '../../../adapters/cli/ask.js';
import type { KnowledgeBase } from '../../../knowledge/index.js';
import { FIXTURE_KB_DIR, loadFixtureKnowledgeBase } from '../../fixtures/kb.js';

const run = promisify(execFile);
let dir: string;
let kb: KnowledgeBase;

/** Runs the exact command of the contract, offline: auto mode must fall back without the network. */
async function ask(args: string[], env: Record<string, string> = {}): Promise<{ stdout: string; stderr: string }> {
  return run('npm', ['run', '--silent', 'ask', '--', ...args], {
    env: { ...process.env, KB_DIR: FIXTURE_KB_DIR, EMBEDDINGS_PROVIDER: 'auto', EMBEDDINGS_ALLOW_REMOTE: 'false', INDEX_DIR: path.join(dir, 'index'), ...env },
    timeout: 60_000,
  });
}

function expectContract(line: string): Record<string, unknown> {
  const result = JSON.parse(line) as Record<string, unknown>;
  // The original fields, plus the decision and the buttons shown (issue 11), plus the calibrated confidence when the model decided.
  expect(Object.keys(result).filter((key) => key !== 'confidence').sort()).toEqual(['answer', 'answered', 'candidates', 'decision', 'query', 'shown']);
  expect(['answer', 'clarify', 'none']).toContain(result.decision);
  expect(Array.isArray(result.shown)).toBe(true);
  expect(typeof result.query).toBe('string');
  expect(typeof result.answered).toBe('boolean');
  expect(Array.isArray(result.candidates)).toBe(true);
  for (const candidate of result.candidates as Record<string, unknown>[]) {
    expect(Object.keys(candidate).sort()).toEqual(['id', 'question', 'score']);
  }
  if (result.answer !== null) {
    expect(Object.keys(result.answer as object).sort()).toEqual(['id', 'question', 'score', 'text']);
  }
  return result;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ask-cli-'));
  kb = await loadFixtureKnowledgeBase();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('npm run ask (the JSON contract)', () => {
  it('prints exactly one JSON line with the verbatim answer', async () => {
    const { stdout, stderr } = await ask(['--json', 'le référencement au catalogue MES est il obligatoire ?']);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const result = expectContract(lines[0]);
    expect(result.answered).toBe(true);
    const answer = result.answer as { id: string; text: string };
    expect(answer.id).toBe('mes-referencement-obligatoire');
    expect(answer.text).toBe(kb.entries.find((e) => e.id === 'mes-referencement-obligatoire')?.answer);
    // The provider line goes to stderr and says why the offline default is active.
    expect(stderr).toMatch(/retrieval: lexical .*no calibration of .* on this KB version/);
  });

  it('answers false with a null answer out of scope', async () => {
    const { stdout } = await ask(['--json', 'quel temps fera-t-il demain à Brest ?']);
    const result = expectContract(stdout.trim());
    expect(result.answered).toBe(false);
    expect(result.answer).toBeNull();
  });

  it('answers a batch in order, one line per question, with --filter acting as the triage facets do in the bot', async () => {
    const file = path.join(dir, 'questions.txt');
    await writeFile(file, 'c’est quoi le MOS ?\n\nquelles données dans mon espace santé ?\nmétéo à Paris\n');
    const { stdout } = await ask(['--json', '--batch', file, '--filter', 'offer=mos-nos']);
    const results = stdout.trim().split('\n').map(expectContract);
    expect(results.map((r) => r.query)).toEqual(['c’est quoi le MOS ?', 'quelles données dans mon espace santé ?', 'météo à Paris']);
    const offers = (result: Record<string, unknown>): (string | undefined)[] =>
      (result.candidates as { id: string }[]).map((candidate) => kb.entries.find((e) => e.id === candidate.id)?.offer);
    // Within the facet: every candidate belongs to it.
    expect(new Set(offers(results[0]))).toEqual(new Set(['mos-nos']));
    // Nothing fits within it but the whole FAQ has a clear answer: the facet is set aside, as the bot does.
    expect(results[1].answered).toBe(true);
    expect(offers(results[1])[0]).toBe('mon-espace-sante');
    expect(results[2].answered).toBe(false);
  });

  it('rejects an unknown facet or value with exit code 2', async () => {
    await expect(ask(['--json', '--filter', 'colour=blue', 'MOS'])).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/unknown facet/) });
    await expect(ask(['--json', '--filter', 'offer=nope', 'MOS'])).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/unknown value/) });
  });
});

describe('ask helpers', () => {
  it('parseFilters keeps valid facets and reports every problem', () => {
    const { filter, problems } = parseFilters(['offer=segur', 'theme=nope', 'x=y'], kb);
    expect(filter).toEqual({ offer: 'segur' });
    expect(problems).toHaveLength(2);
  });

  it('toAskResult marks a clarification as answered with the best candidate', () => {
    const [a, b] = kb.entries;
    const ranked = [
      { entry: a, score: 0.5 },
      { entry: b, score: 0.49 },
    ];
    const result = toAskResult({ kind: 'clarify', candidates: ranked, question: 'q', retrieval: { query: 'q', ranked }, relaxed: false });
    expect(result.answered).toBe(true);
    expect(result.answer?.id).toBe(a.id);
    expect(result.candidates.map((c) => c.id)).toEqual([a.id, b.id]);
    // The decision and the buttons the bot shows: both candidates.
    expect(result).toMatchObject({ decision: 'clarify', shown: [a.id, b.id] });
  });

  it('toAskResult gives small talk no answer, no buttons, and its kind', () => {
    const result = toAskResult({ kind: 'smallTalk', talk: 'thanks', question: 'merci', retrieval: { query: 'merci', ranked: [] }, relaxed: false });
    expect(result).toEqual({ query: 'merci', answered: false, answer: null, candidates: [], decision: 'none', shown: [], smallTalk: 'thanks' });
  });

  it('toAskResult shows the nearby questions of a none, with the calibrated confidence', () => {
    const [a] = kb.entries;
    const nearby = [{ entry: a, score: 0.2 }];
    const result = toAskResult({ kind: 'none', nearby, confidence: 0.123456, question: 'q', retrieval: { query: 'q', ranked: nearby }, relaxed: false });
    expect(result).toMatchObject({ answered: false, answer: null, decision: 'none', shown: [a.id], confidence: 0.1235 });
  });
});
