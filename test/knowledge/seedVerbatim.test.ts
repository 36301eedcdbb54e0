import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../../knowledge/index.js';
import { EXPECTED } from './support/expectedEntries.js';
import { FIXTURE_KB_DIR, REAL_KB_DIR, SEED_FILE } from './support/paths.js';

/** The seed closes every answer with this line; the bot adds it itself. */
const ANSWER_END = 'Cette réponse vous a-t-elle été utile ?';
/** The seed opens with the five clarifying questions, one per line. */
const CLARIFYING_QUESTIONS = 5;

/** Only whitespace may differ between the KB and the seed. */
const normalise = (text: string): string => text.replace(/\s+/g, ' ').trim();

function seedParts(): { questions: string[]; answers: string[] } {
  const lines = readFileSync(SEED_FILE, 'utf8').split('\n');
  const answers = lines.slice(CLARIFYING_QUESTIONS).join('\n').split(ANSWER_END).map(normalise).filter((a) => a !== '');
  return { questions: lines.slice(0, CLARIFYING_QUESTIONS).map(normalise), answers };
}

const seedPresent = existsSync(SEED_FILE);

describe.skipIf(!seedPresent)(`KB against the agency's seed text (skipped: ${seedPresent ? 'no' : `${SEED_FILE} is absent`})`, () => {
  it('keeps every seed answer in the real KB, character for character, as the answer of exactly one entry', async () => {
    const kb = await loadKnowledgeBase(REAL_KB_DIR);
    for (const [rank, answer] of seedParts().answers.entries()) {
      const holders = kb.entries.filter((entry) => normalise(entry.answer) === answer).map((entry) => entry.id);
      expect(holders, `seed answer ${rank + 1}`).toHaveLength(1);
    }
  });

  it('derives the fixture KB from the seed: its entries are the seed answers, in order', async () => {
    const { answers } = seedParts();
    expect(answers).toHaveLength(EXPECTED.length);
    const kb = await loadKnowledgeBase(FIXTURE_KB_DIR);
    const byId = new Map(kb.entries.map((e) => [e.id, e]));
    EXPECTED.forEach(({ id }, rank) => {
      const entry = byId.get(id);
      if (entry === undefined) throw new Error(`entry ${id} is missing from the KB`);
      expect(normalise(entry.answer), `${id} (answer ${rank + 1})`).toBe(answers[rank]);
    });
  });

  it('keeps the taxonomy prompts verbatim', async () => {
    const { questions } = seedParts();
    const kb = await loadKnowledgeBase(REAL_KB_DIR);
    expect(kb.taxonomy.questions.map((q) => normalise(q.prompt))).toEqual(questions);
  });
});
