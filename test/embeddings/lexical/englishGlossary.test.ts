import { describe, expect, it } from 'vitest';
import { frenchGlosses, glossedInFrench } from '../../../embeddings/lexical/englishGlossary.js';

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
