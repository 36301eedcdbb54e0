import { describe, expect, it } from 'vitest';
import { frenchGlosses, glossedInFrench, isEnglish, roughEnglish } from '../../../embeddings/lexical/englishGlossary.js';

describe('englishGlossary', () => {
  it('lists the French glosses of the English words it knows', () => {
    expect(frenchGlosses('Is listing mandatory?')).toBe('référencement obligatoire');
    expect(frenchGlosses('zzz qqq')).toBe('');
  });

  it('glosses phrases whose words mean nothing alone or something else, keeping the case of the rest', () => {
    expect(frenchGlosses('Do I have to list my app?')).toBe('obligatoire référencer application');
    expect(frenchGlosses('Is there a list of codes?')).toBe('liste codes');
    expect(glossedInFrench('Do we HAVE TO sign up for MES?')).toContain('MES');
    expect(glossedInFrench('Do we have to sign up?')).toMatch(/obligatoire .*inscrire inscription/u);
  });

  it('replaces the English words it knows in place, keeping the others', () => {
    expect(glossedInFrench('Is listing in Mon espace santé mandatory?')).toBe('Is référencement in Mon espace santé obligatoire?');
    expect(glossedInFrench('What about SQL joins?')).toBe('What about SQL joins?');
  });
});

describe('roughEnglish', () => {
  it('asks a French phrasing in English, word by word, as the warm-up needs it', () => {
    const rough = roughEnglish('Le référencement est-il obligatoire pour mon application ?');
    expect(rough).toBe('how do I the listing is-il mandatory for my application ?');
    expect(isEnglish(rough)).toBe(true);
    // Words the glossary does not gloss, acronyms included, are kept as typed.
    expect(roughEnglish('MES et le DMP')).toBe('how do I MES and the DMP');
  });
});

describe('isEnglish', () => {
  it('tells English questions from French ones, names and acronyms aside', () => {
    expect(isEnglish('Is listing in the Mon espace santé catalogue mandatory?')).toBe(true);
    expect(isEnglish('How often is the MOS updated?')).toBe(true);
    expect(isEnglish('Le référencement dans Mon espace santé est-il obligatoire ?')).toBe(false);
    expect(isEnglish('Le MOS est-il disponible en format UML ?')).toBe(false);
    expect(isEnglish('')).toBe(false);
  });

  it('counts English content words with the function words, so French names do not hide an English question', () => {
    expect(isEnglish('Does Mon espace santé include secure messaging with doctors?')).toBe(true);
    expect(isEnglish('Can a paid mobile app be listed in Mon espace santé?')).toBe(true);
    // French loanwords without any English function word stay French.
    expect(isEnglish('Le listing de la newsletter business')).toBe(false);
    expect(isEnglish('Mon app est-elle free ?')).toBe(false);
  });
});
