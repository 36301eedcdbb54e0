import { describe, expect, it } from 'vitest';
import { foldAccents, foldForComparison } from '../../knowledge/index.js';

describe('foldAccents', () => {
  it('removes accents and expands ligatures, keeping case', () => {
    expect(foldAccents('Éditeur mise en œuvre Ségur ŒIL')).toBe('Editeur mise en oeuvre Segur OEIL');
    expect(foldAccents('Ex æquo, Straße')).toBe('Ex aequo, Strasse');
  });
});

describe('foldForComparison', () => {
  it('ignores case, accents, ligatures, apostrophe style and spacing', () => {
    expect(foldForComparison('  Qu’est-ce   que l’ŒUVRE  Été ? ')).toBe(foldForComparison("qu'est-ce que l'oeuvre ete?"));
  });

  it('keeps different words different', () => {
    expect(foldForComparison('le MOS')).not.toBe(foldForComparison('les NOS'));
  });
});
