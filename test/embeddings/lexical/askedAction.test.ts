import { describe, expect, it } from 'vitest';
import { askedAction } from '../../../embeddings/lexical/askedAction.js';

describe('askedAction', () => {
  it('finds the action a « comment… » question asks how to do, past who acts and how one asks', () => {
    expect(askedAction('Comment obtenir le marquage CE ?')).toBe('obtenir');
    expect(askedAction('Comment puis-je créer un compte ?')).toBe('creer');
    expect(askedAction('comment faire pour référencer mon appli')).toBe('referencer');
    expect(askedAction('Comment un patient supprime-t-il un compte rendu ?')).toBe('supprime');
    expect(askedAction('J’ai oublié mon mot de passe, comment le réinitialiser ?')).toBe('reinitialiser');
    // A subject right after « comment » is read in the verb's place: an entry about it names it, so nothing is flagged.
    expect(askedAction('Comment l’offre a-t-elle été construite ?')).toBe('offre');
  });

  it('finds nothing without « comment »', () => {
    expect(askedAction('Le référencement est-il obligatoire ?')).toBeUndefined();
    expect(askedAction('Quels commentaires ?')).toBeUndefined();
  });
});
