import { beforeAll, describe, expect, it } from 'vitest';
import {
  conversationsFromLog,
  derivePhrasingProposals,
  phrasingProposalsFromLog,
  unansweredClusters,
  unansweredSamples,
  type LoggedQuestionView,
} from '../../../bot/index.js';
import { createKbRetriever } from '../../../embeddings/index.js';
import { loadKnowledgeBase, type FaqEntry } from '../../../knowledge/index.js';
import { REAL_KB_DIR, loadFixtureKnowledgeBase } from '../../fixtures/kb.js';

let entries: readonly FaqEntry[];
let [a, b]: string[] = [];
beforeAll(async () => {
  entries = (await loadFixtureKnowledgeBase()).entries;
  [a, b] = entries.map((entry) => entry.id);
});

type Events = LoggedQuestionView['events'];
function logged(conversationHash: string, time: string, text: string, decision: string, candidates: string[], events: Events = [], source = 'typed'): LoggedQuestionView {
  return { conversationHash, time: `2026-11-${time}Z`, source, text, decision, candidates: candidates.map((id) => ({ id })), events };
}

describe('unansweredSamples', () => {
  it('keeps typed questions declined or whose clarification was rejected, one sample per text with its count', () => {
    const samples = unansweredSamples([
      logged('c1', '20T10:00:00', 'Faut-il être certifié HDS ?', 'none', []),
      logged('c2', '20T11:00:00', 'faut-il etre certifie  HDS ?', 'none', [a]),
      logged('c3', '20T12:00:00', 'Quel délai pour le référencement ?', 'clarify', [a, b], [{ kind: 'rejected' }]),
      logged('c4', '20T12:00:00', 'Quel délai pour le référencement ?', 'clarify', [a, b], [{ kind: 'clicked', entryId: a }]),
      logged('c5', '20T13:00:00', 'offer=segur > theme=procedure', 'empty', [], [], 'triage'),
      logged('c6', '20T13:00:00', '', 'none', []),
      logged('c7', '20T14:00:00', 'Comment être référencé ?', 'answer', [a]),
      logged('c8', '20T15:00:00', 'merci beaucoup pour votre aide', 'none', []),
    ]);
    expect(samples).toEqual([
      { id: 'faut-il etre certifie hds?', text: 'Faut-il être certifié HDS ?', count: 2 },
      { id: 'quel delai pour le referencement?', text: 'Quel délai pour le référencement ?', count: 1 },
    ]);
  });
});

describe('conversationsFromLog', () => {
  it('turns logged questions and their follow-ups into the events phrasing proposals read, in time order', () => {
    const text = 'comment on fait pour être listé dans le catalogue ?';
    const conversations = conversationsFromLog([
      logged('c1', '20T10:05:00', 'merci', 'answer', [a]),
      logged('c1', '20T10:00:00', text, 'clarify', [a, b], [
        { kind: 'clicked', entryId: b },
        { kind: 'voted', entryId: b, helpful: true },
        { kind: 'commented' },
      ]),
      logged('c2', '20T10:00:00', 'offer=innovation', 'list', [a], [{ kind: 'clicked', entryId: a }], 'triage'),
      logged('c2', '20T10:01:00', text, 'none', [b], [{ kind: 'rejected' }, { kind: 'rephrased' }]),
    ]);
    expect(conversations).toEqual([
      {
        conversation: 'c1',
        events: [
          { kind: 'question', text, decision: 'clarify', offered: [a, b] },
          { kind: 'pick', entryId: b },
          { kind: 'vote', entryId: b, helpful: true },
          { kind: 'question', text: 'merci', decision: 'answer', offered: [a] },
        ],
      },
      {
        conversation: 'c2',
        events: [{ kind: 'other' }, { kind: 'question', text, decision: 'none', offered: [b] }, { kind: 'other' }],
      },
    ]);
    expect(derivePhrasingProposals(conversations, { entries }).map((p) => [p.text, p.entryId, p.evidence])).toEqual([[text, b, 1]]);
  });
});

describe('unansweredClusters and phrasingProposalsFromLog on the real KB and retriever', () => {
  it('cluster a week of declined questions with their nearest entry, and propose the picked phrasings', async () => {
    const kb = await loadKnowledgeBase(REAL_KB_DIR);
    const { retriever } = await createKbRetriever({ kb, mode: 'lexical' });
    const week: LoggedQuestionView[] = [
      logged('c1', '23T09:00:00', 'Mon appli payante peut-elle être référencée dans MES ?', 'none', []),
      logged('c2', '23T10:00:00', 'une application payante peut être référencée dans Mon espace santé ?', 'none', []),
      logged('c3', '24T11:00:00', 'Faut-il être certifié HDS pour héberger des données de santé ?', 'none', []),
      logged('c4', '24T12:00:00', 'Notre hébergeur doit-il être certifié HDS ?', 'clarify', ['mes-referencement-eligibilite', 'mes-referencement-obligatoire'], [{ kind: 'rejected' }]),
      logged('c5', '25T09:30:00', 'faut-il obligatoirement passer par le catalogue MES ?', 'clarify', ['mes-referencement-eligibilite', 'mes-referencement-obligatoire'], [
        { kind: 'clicked', entryId: 'mes-referencement-obligatoire' },
        { kind: 'voted', entryId: 'mes-referencement-obligatoire', helpful: true },
      ]),
    ];
    const clusters = await unansweredClusters(week, { retriever, kb });
    expect(clusters.map((cluster) => [cluster.count, cluster.members.length])).toEqual([[2, 2], [2, 2]]);
    const payant = clusters.find((cluster) => cluster.members.some((member) => member.text.includes('payante')));
    expect(payant?.nearest?.entryId).toBe('mes-referencement-eligibilite');
    expect(phrasingProposalsFromLog(week, { entries: kb.entries })).toEqual([
      { key: expect.any(String), text: 'faut-il obligatoirement passer par le catalogue MES ?', entryId: 'mes-referencement-obligatoire', evidence: 1 },
    ]);
  });
});
