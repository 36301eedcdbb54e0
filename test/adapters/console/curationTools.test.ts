import { describe, expect, it } from 'vitest';
import { parseDecisionForm } from '../../../adapters/console/curationActions.js';
import type { CurationDecision } from '../../../adapters/console/CurationStore.js';
import { improvementsOf } from '../../../adapters/console/curationTools.js';
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

  it('keeps the nearest entry of a « nouvelle entrée » decision only when the KB has it', () => {
    const form = (entryId: string) => new URLSearchParams({ key: 'k', status: 'new-entry', text: 'Une question', entryId });
    const context = { user: 'admin', time: '2026-11-29T10:00:00.000Z', isEntry: (id: string) => id === 'known' };
    const kept = parseDecisionForm('cluster', form('known'), context);
    const dropped = parseDecisionForm('cluster', form('ghost'), context);
    expect(kept.kind === 'ok' && kept.decision.entryId).toBe('known');
    expect(dropped.kind === 'ok' && dropped.decision.entryId).toBeUndefined();
    expect(dropped.kind).toBe('ok');
  });
});
