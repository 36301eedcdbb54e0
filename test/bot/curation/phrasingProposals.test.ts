import { beforeAll, describe, expect, it } from 'vitest';
import { derivePhrasingProposals, type ConversationEvents, type PhrasingEvent } from '../../../bot/index.js';
import type { FaqEntry } from '../../../knowledge/index.js';
import { loadFixtureKnowledgeBase } from '../../fixtures/kb.js';

let entries: readonly FaqEntry[];
let [a, b, c]: string[] = [];
beforeAll(async () => {
  entries = (await loadFixtureKnowledgeBase()).entries;
  [a, b, c] = entries.map((entry) => entry.id);
});

const typed = (text: string, decision: 'answer' | 'clarify' | 'none' | 'smallTalk', offered: string[] = []): PhrasingEvent => ({
  kind: 'question',
  text,
  decision,
  offered,
});
const pick = (entryId: string): PhrasingEvent => ({ kind: 'pick', entryId });
const vote = (entryId: string, helpful: boolean): PhrasingEvent => ({ kind: 'vote', entryId, helpful });
const conversation = (id: string, ...events: PhrasingEvent[]): ConversationEvents => ({ conversation: id, events });

const X = 'comment on fait pour être listé dans le catalogue MES ?';

describe('derivePhrasingProposals', () => {
  it('proposes a typed question as a phrasing of the entry picked after « Vouliez-vous dire… », counting conversations', () => {
    const proposals = derivePhrasingProposals(
      [
        conversation('c1', typed(X, 'clarify', [a, b]), pick(b), vote(b, true)),
        conversation('c2', typed(`  ${X.replace('listé', 'LISTÉ')} `, 'clarify', [b, a]), pick(b)),
        conversation('c3', typed(X, 'clarify', [a, b]), pick(b), typed(X, 'clarify', [a, b]), pick(b)),
        conversation('c4', typed('qui contacter pour une question sur l’offre innovation', 'none', [c]), pick(c)),
      ],
      { entries },
    );
    expect(proposals).toEqual([
      { key: expect.any(String), text: X, entryId: b, evidence: 3 },
      { key: expect.any(String), text: 'qui contacter pour une question sur l’offre innovation', entryId: c, evidence: 1 },
    ]);
    expect(new Set(proposals.map((p) => p.key)).size).toBe(2);
  });

  it('counts a 👍 on an offered entry after a clarification, and drops a pick the user then voted 👎', () => {
    const proposals = derivePhrasingProposals(
      [
        conversation('c1', typed(X, 'clarify', [a, b]), vote(a, true)),
        conversation('c2', typed(X, 'clarify', [a, b]), pick(b), vote(b, false)),
        conversation('c3', typed(X, 'none', [a]), vote(a, true)),
      ],
      { entries },
    );
    expect(proposals.map((p) => [p.entryId, p.evidence])).toEqual([[a, 1]]);
  });

  it('ignores answered questions, picks outside the offer, picks after a restart or a new question', () => {
    const proposals = derivePhrasingProposals(
      [
        conversation('c1', typed(X, 'answer'), pick(b)),
        conversation('c2', typed(X, 'clarify', [a, b]), pick(c)),
        conversation('c3', typed(X, 'clarify', [a, b]), { kind: 'other' }, pick(b)),
        conversation('c4', typed(X, 'none', [b]), typed('et sinon pour la démarche Ségur ?', 'answer'), pick(b)),
      ],
      { entries },
    );
    expect(proposals).toEqual([]);
  });

  it('skips texts that already are phrasings, small talk, too-short texts and entries no longer in the KB', () => {
    const [first, second] = entries;
    const smallTalk = (text: string): boolean => /^(bonjour|merci)/i.test(text.trim());
    const proposals = derivePhrasingProposals(
      [
        conversation('c1', typed(second.alternates[0].toUpperCase(), 'clarify', [first.id, second.id]), pick(second.id)),
        conversation('c2', typed(first.question, 'clarify', [first.id, second.id]), pick(second.id)),
        conversation('c3', typed('merci beaucoup pour votre aide', 'none', [a]), pick(a)),
        conversation('c4', typed('catalogue MES', 'clarify', [a, b]), pick(b)),
        conversation('c5', typed(X, 'clarify', ['entree-supprimee', a]), pick('entree-supprimee')),
        conversation('c6', typed('bonjour', 'smallTalk'), pick(a)),
      ],
      { entries, isSmallTalk: smallTalk },
    );
    expect(proposals).toEqual([]);
  });

  it('skips a question vendors asked that the FAQ team already labelled (an asked phrasing of the entry)', () => {
    const labelled = 'Comment figurer au catalogue de Mon espace santé, concrètement ?';
    const withAsked = entries.map((entry) => (entry.id === b ? { ...entry, asked: [labelled] } : entry));
    const history = [conversation('c1', typed(labelled, 'clarify', [a, b]), pick(b)), conversation('c2', typed(X, 'clarify', [a, b]), pick(b))];
    expect(derivePhrasingProposals(history, { entries }).map((p) => p.text).sort()).toEqual([labelled, X].sort());
    expect(derivePhrasingProposals(history, { entries: withAsked }).map((p) => p.text)).toEqual([X]);
  });

  it('skips the bot’s own small talk by default', () => {
    const proposals = derivePhrasingProposals(
      [
        conversation('c1', typed('merci beaucoup pour votre aide', 'none', [a]), pick(a)),
        conversation('c2', typed('au revoir et bonne journée', 'clarify', [a, b]), pick(b)),
        conversation('c3', typed(X, 'clarify', [a, b]), pick(b)),
      ],
      { entries },
    );
    expect(proposals.map((p) => p.text)).toEqual([X]);
  });

  it('keeps the most frequent spelling and applies the evidence threshold', () => {
    const variant = X.replace('être', 'etre');
    const events = (id: string, text: string): ConversationEvents => conversation(id, typed(text, 'clarify', [a, b]), pick(b));
    const all = [events('c1', variant), events('c2', X), events('c3', X), events('c4', 'liste des éditeurs référencés ?')];
    const proposals = derivePhrasingProposals(all, { entries, minEvidence: 2 });
    expect(proposals.map((p) => [p.text, p.evidence])).toEqual([[X, 3]]);
    expect(derivePhrasingProposals([...all].reverse(), { entries, minEvidence: 2 })).toEqual(proposals);
  });
});
