import { beforeAll, describe, expect, it } from 'vitest';
import type { FaqEntry, KnowledgeBase } from '../../knowledge/index.js';
import { isKnownChoice, matchTypedChoice, nextTriageStep, offerContacts, triagePath, type TriageStep } from '../../bot/triage.js';
import { loadFixtureKnowledgeBase } from '../fixtures/kb.js';

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await loadFixtureKnowledgeBase();
});

function ask(step: TriageStep): { facet: string; values: string[] } {
  if (step.kind !== 'ask') throw new Error(`expected a question, got ${step.kind}`);
  return { facet: step.question.facet, values: step.choices.map((c) => c.value) };
}
function results(step: TriageStep): string[] {
  if (step.kind !== 'results') throw new Error(`expected results, got ${step.kind}`);
  return step.entries.map((e) => e.id);
}

describe('nextTriageStep on the real KB', () => {
  it('starts with the offer question, Ségur included although it has no entry yet', () => {
    const step = nextTriageStep(kb, {});
    expect(ask(step)).toEqual({ facet: 'offer', values: ['innovation', 'mon-espace-sante', 'segur', 'mos-nos'] });
    if (step.kind === 'ask') expect(step.question.prompt).toBe("Votre question concerne quel type d'offre ?");
  });

  it('says plainly that the Ségur branch is empty instead of asking corridor questions', () => {
    expect(nextTriageStep(kb, { offer: 'segur' })).toEqual({ kind: 'empty', label: 'Ségur du numérique en santé' });
  });

  it('skips the product question where it does not apply (innovation) and asks the theme', () => {
    expect(ask(nextTriageStep(kb, { offer: 'innovation' }))).toEqual({ facet: 'theme', values: ['presentation', 'collaboration'] });
    expect(results(nextTriageStep(kb, { offer: 'innovation', theme: 'collaboration' }))).toEqual(['innovation-collaboration']);
  });

  it('asks the product for Mon espace santé, with products covered by the entry that has no product', () => {
    expect(ask(nextTriageStep(kb, { offer: 'mon-espace-sante' }))).toEqual({
      facet: 'product',
      values: ['catalogue-de-services', 'dossier-medical', 'messagerie', 'agenda'],
    });
  });

  it('skips a forced theme: Agenda leads to one entry only', () => {
    expect(results(nextTriageStep(kb, { offer: 'mon-espace-sante', product: 'agenda' }))).toEqual(['mes-fonctionnalites']);
  });

  it('offers only the themes that lead somewhere on the chosen path', () => {
    expect(ask(nextTriageStep(kb, { offer: 'mon-espace-sante', product: 'dossier-medical' }))).toEqual({
      facet: 'theme',
      values: ['presentation', 'donnees'],
    });
    expect(ask(nextTriageStep(kb, { offer: 'mon-espace-sante', product: 'catalogue-de-services' })).values).toEqual([
      'presentation',
      'eligibilite',
      'procedure',
      'benefices',
      'donnees',
    ]);
  });

  it('ends with the matching entries', () => {
    expect(
      results(nextTriageStep(kb, { offer: 'mon-espace-sante', product: 'catalogue-de-services', theme: 'eligibilite' })),
    ).toEqual(['mes-referencement-eligibilite', 'mes-referencement-doctrine']);
    expect(results(nextTriageStep(kb, { offer: 'mos-nos', product: 'nos', theme: 'presentation' }))).toEqual(['mos-nos-definition']);
  });
});

describe('nextTriageStep rules on a synthetic KB', () => {
  const entry = (id: string, facets: Partial<FaqEntry>): FaqEntry => ({
    id, question: id, alternates: [], answer: id, offer: 'o', theme: 't', links: [], source: { file: 'x', line: 1 }, ...facets,
  });

  it('skips a question whose choices all lead to the same entries', () => {
    const synthetic = {
      entries: [entry('a', { theme: 't1' }), entry('b', { theme: 't2' })],
      taxonomy: {
        questions: [
          { facet: 'offer' as const, prompt: 'offre ?', choices: [{ value: 'o', label: 'O' }] },
          { facet: 'product' as const, prompt: 'produit ?', choices: [{ value: 'p1', label: 'P1' }, { value: 'p2', label: 'P2' }] },
          { facet: 'theme' as const, prompt: 'thème ?', choices: [{ value: 't1', label: 'T1' }, { value: 't2', label: 'T2' }] },
        ],
      },
    };
    expect(ask(nextTriageStep(synthetic, {}))).toEqual({ facet: 'theme', values: ['t1', 't2'] });
  });

  it('asks the Ségur corridor (verbatim prompt) once Ségur entries with corridors exist', () => {
    const withSegur: KnowledgeBase = {
      ...kb,
      entries: [
        ...kb.entries,
        entry('segur-hopital', { offer: 'segur', corridor: 'hopital', theme: 'financement' }),
        entry('segur-officine', { offer: 'segur', corridor: 'officine', theme: 'financement' }),
      ],
    };
    const step = nextTriageStep(withSegur, { offer: 'segur' });
    // Every corridor of the taxonomy is offered; those without entries end in the honest "no answer yet" step.
    expect(ask(step)).toEqual({ facet: 'corridor', values: ['hopital', 'biologie', 'radiologie', 'medecin-de-ville', 'officine', 'medico-social'] });
    expect(nextTriageStep(withSegur, { offer: 'segur', corridor: 'radiologie' }).kind).toBe('empty');
    if (step.kind === 'ask') expect(step.question.prompt).toBe('Votre question concerne quel couloir Ségur ?');
    expect(results(nextTriageStep(withSegur, { offer: 'segur', corridor: 'officine' }))).toEqual(['segur-officine']);
  });
});

describe('helpers', () => {
  it('formats the triage path in facet order', () => {
    expect(triagePath({ theme: 'eligibilite', offer: 'mon-espace-sante' })).toBe('offer=mon-espace-sante > theme=eligibilite');
    expect(triagePath({})).toBe('');
  });

  it('knows the taxonomy choices', () => {
    expect(isKnownChoice(kb, 'offer', 'segur')).toBe(true);
    expect(isKnownChoice(kb, 'offer', 'nope')).toBe(false);
  });
});

describe('matchTypedChoice', () => {
  it('understands a typed label or value of the pending question, not of another one', () => {
    expect(matchTypedChoice(kb, {}, 'offer', 'référencement mon espace santé')).toBe('mon-espace-sante');
    expect(matchTypedChoice(kb, {}, 'offer', 'Referentiels semantiques MOS / NOS !')).toBe('mos-nos');
    expect(matchTypedChoice(kb, {}, 'offer', 'segur')).toBe('segur');
    expect(matchTypedChoice(kb, { offer: 'mon-espace-sante' }, 'product', 'Dossier médical')).toBe('dossier-medical');
    expect(matchTypedChoice(kb, {}, 'offer', 'Dossier médical')).toBeUndefined();
    expect(matchTypedChoice(kb, {}, 'product', 'Dossier médical')).toBeUndefined();
    expect(matchTypedChoice(kb, {}, 'offer', 'le référencement est-il obligatoire ?')).toBeUndefined();
  });
});

describe('offerContacts', () => {
  it('gives the chosen offer\'s contact from the taxonomy, none where it knows none, every offer\'s contact before a choice', () => {
    const innovation = { label: 'Offre innovation de l’ANS', contact: 'innovation@esante.gouv.fr' };
    expect(offerContacts(kb, { offer: 'innovation', theme: 'collaboration' })).toEqual([innovation]);
    expect(offerContacts(kb, { offer: 'segur', corridor: 'hopital' })).toEqual([]);
    expect(offerContacts(kb, { offer: 'mon-espace-sante' })).toEqual([]);
    expect(offerContacts(kb, {})).toEqual([innovation]);
  });
});
