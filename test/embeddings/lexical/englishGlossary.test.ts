import { describe, expect, it } from 'vitest';
import { frenchGlosses, glossedInFrench } from '../../../embeddings/lexical/englishGlossary.js';

describe('englishGlossary', () => {
  it('lists the French glosses of the English words it knows', () => {
    expect(frenchGlosses('Is listing mandatory?')).toBe('référencement obligatoire');
    expect(frenchGlosses('zzz qqq')).toBe('');
  });

  it('replaces the English words it knows in place, keeping the others', () => {
    expect(glossedInFrench('Is listing in Mon espace santé mandatory?')).toBe('Is référencement in Mon espace santé obligatoire?');
    expect(glossedInFrench('What about SQL joins?')).toBe('What about SQL joins?');
  });
});
