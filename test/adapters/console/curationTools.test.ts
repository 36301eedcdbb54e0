import { describe, expect, it } from 'vitest';
import { parseDecisionForm, parseNewEntryForm } from '../../../adapters/console/curationActions.js';
import type { CurationDecision } from '../../../adapters/console/CurationStore.js';
import { draftGaps, improvementsOf } from '../../../adapters/console/curationTools.js';
import { buildKbPatch } from '../../../knowledge/index.js';
import { FIXTURE_KB_DIR, loadFixtureKnowledgeBase } from '../../fixtures/kb.js';

const decision = (status: CurationDecision['status'], text: string, entryId?: string): CurationDecision => ({
  key: text, kind: status === 'accepted' ? 'proposal' : 'cluster', status, text, time: '2026-11-29T10:00:00.000Z', user: 'admin',
  ...(entryId !== undefined && { entryId }),
});

describe('improvementsOf: the console decisions that make the KB patch', () => {
  it('turns a cluster marked « nouvelle entrée » into a draft modelled on its nearest entry, checked by the KB rules like any improvement', async () => {
    const kb = await loadFixtureKnowledgeBase();
    const [model, other] = kb.entries;
    if (!model || !other) throw new Error('the fixture KB has at least two entries');
    const improvements = improvementsOf([
      decision('accepted', 'une formulation acceptée par la curatrice', other.id),
      decision('new-entry', 'Combien de temps prend la validation de mon dossier ?', model.id),
      decision('new-entry', 'Une question sans entrée proche'),
      decision('new-entry', model.question, model.id),
      decision('out-of-scope', 'la météo de demain'),
    ], kb.entries);
    expect(improvements.map((i) => i.kind)).toEqual(['phrasing', 'entry']);
    const draft = improvements[1];
    if (draft?.kind !== 'entry') throw new Error('expected an entry draft');
    expect(draft.draft.question).toBe('Combien de temps prend la validation de mon dossier ?');
    expect(draft.draft.facets.offer).toBe(model.offer);

    // The KB requires six alternates per entry: a one-question draft is refused with the validator's field, the phrasing still goes in.
    const plan = await buildKbPatch(FIXTURE_KB_DIR, improvements);
    if (!plan.ok) throw new Error(`patch refused: ${plan.problems.map((p) => p.message).join('; ')}`);
    expect(plan.refused.map((r) => [r.code, r.problems?.map((p) => p.field)])).toEqual([['invalid-entry', ['alternates']]]);
    expect(plan.patch).toContain('une formulation acceptée par la curatrice');
    expect(plan.patch).not.toContain('[BROUILLON]');
  });

  it('puts a new entry written on the console into the patch: its phrasings, the model’s facets, the typed answer or the draft mark', async () => {
    const kb = await loadFixtureKnowledgeBase();
    const [model] = kb.entries;
    if (!model) throw new Error('the fixture KB has entries');
    const phrasings = [
      'Combien de temps prend la validation de mon dossier ?', 'Délai de validation du dossier', 'Quand mon dossier sera-t-il validé ?',
      'Durée d’instruction du dossier', 'Mon dossier est en attente depuis longtemps', 'Validation du dossier : combien de jours ?',
      'Au bout de combien de temps le dossier est-il validé ?',
    ];
    const written = { ...decision('new-entry', phrasings[0], model.id), key: 'a', draft: { phrasings, answer: 'Comptez trois semaines.' } };
    const unwritten = { ...decision('new-entry', phrasings[0], model.id), key: 'b', draft: { phrasings: phrasings.map((p) => `${p} (bis)`) } };
    const short = { ...decision('new-entry', 'Une seule question ?', model.id), key: 'c', draft: { phrasings: ['Une seule question ?', 'Et une autre'] } };
    const improvements = improvementsOf([written, unwritten, short], kb.entries);
    const plan = await buildKbPatch(FIXTURE_KB_DIR, improvements);
    if (!plan.ok) throw new Error(`patch refused: ${plan.problems.map((p) => p.message).join('; ')}`);
    expect(plan.applied.map((i) => (i.kind === 'entry' ? [i.draft.question, i.draft.alternates.length, i.draft.answer] : i.kind))).toEqual([
      [phrasings[0], 6, 'Comptez trois semaines.'],
      [`${phrasings[0]} (bis)`, 6, undefined],
    ]);
    expect(plan.refused.map((r) => [r.improvement.kind === 'entry' && r.improvement.draft.question, r.code])).toEqual([['Une seule question ?', 'invalid-entry']]);
    expect(plan.patch).toContain('Comptez trois semaines.');
    expect(plan.patch).toContain('[BROUILLON]');
    expect(draftGaps(written, kb.entries)).toEqual({ phrasingsMissing: 0, answerMissing: false });
    expect(draftGaps(unwritten, kb.entries)).toEqual({ phrasingsMissing: 0, answerMissing: true });
    expect(draftGaps(short, kb.entries)).toEqual({ phrasingsMissing: 5, answerMissing: true });
    // A phrasing the KB already has does not count towards the seven.
    expect(draftGaps({ ...short, draft: { phrasings: [...short.draft.phrasings, model.question] } }, kb.entries).phrasingsMissing).toBe(5);
  });
});

describe('parseNewEntryForm: the « Nouvelle entrée » form', () => {
  const context = { user: 'marie', time: '2026-11-29T10:00:00.000Z', isEntry: (id: string) => id === 'known' };
  const form = (fields: [string, string][]) => new URLSearchParams(fields);

  it('takes the ticked questions then the extra lines, once each whatever the case and accents, and the answer when typed', () => {
    const parsed = parseNewEntryForm(form([
      ['key', 'k'], ['phrasing', 'Où est la carte CPS ?'], ['phrasing', 'carte  CPS perdue'], ['entryId', 'known'],
      ['extra', 'OU EST LA CARTE CPS ?\r\n\r\n  Renouveler sa carte CPS  \r\n'], ['answer', '  Voir le site de l’ANS.\r\n'],
    ]), context);
    expect(parsed).toEqual({
      kind: 'ok',
      decision: {
        key: 'k', kind: 'cluster', status: 'new-entry', text: 'Où est la carte CPS ?', entryId: 'known', time: context.time, user: 'marie',
        draft: { phrasings: ['Où est la carte CPS ?', 'carte CPS perdue', 'Renouveler sa carte CPS'], answer: 'Voir le site de l’ANS.' },
      },
    });
    const unwritten = parseNewEntryForm(form([['key', 'k'], ['phrasing', 'Une question'], ['entryId', 'known'], ['answer', ' ']]), context);
    expect(unwritten.kind === 'ok' && unwritten.decision.draft).toEqual({ phrasings: ['Une question'] });
  });

  it('refuses, keeping what was typed, a form without phrasing, with an unknown model entry, or with a text too long', () => {
    const refusal = (fields: [string, string][]) => {
      const parsed = parseNewEntryForm(form(fields), context);
      return parsed.kind === 'refused' ? parsed : undefined;
    };
    expect(refusal([['key', 'k'], ['entryId', 'known'], ['extra', ' \n ']])?.reason).toMatch(/au moins une formulation/);
    const ghost = refusal([['key', 'k'], ['phrasing', 'Une question'], ['entryId', 'ghost'], ['answer', 'Ma réponse']]);
    expect(ghost?.reason).toMatch(/choisissez l’entrée/);
    expect(ghost?.input).toEqual({ key: 'k', phrasings: ['Une question'], entryId: 'ghost', answer: 'Ma réponse' });
    expect(refusal([['key', 'k'], ['phrasing', 'x'.repeat(301)], ['entryId', 'known']])?.reason).toMatch(/300 caractères/);
    expect(refusal([['key', ''], ['phrasing', 'Une question'], ['entryId', 'known']])?.reason).toMatch(/clé/);
    expect(parseDecisionForm('cluster', form([['key', 'k'], ['status', 'new-entry'], ['text', 'q']]), context)).toEqual({ kind: 'refused', reason: 'action inconnue' });
  });
});
