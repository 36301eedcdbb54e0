import { describe, expect, it } from 'vitest';
import { detectSmallTalk, MAX_SMALL_TALK_WORDS } from '../../../embeddings/decision/smallTalk.js';

describe('detectSmallTalk', () => {
  it.each([
    ['Bonjour !', 'greeting'],
    ['salut, ça va ?', 'greeting'],
    ['Merci beaucoup', 'thanks'],
    ['ok merci', 'thanks'],
    ['merci, au revoir', 'goodbye'],
    ['Bonne journée !', 'goodbye'],
    ['d’accord', 'acknowledgement'],
    ['il y a quelqu’un ?', 'presence'],
    ['Tu es un robot ?', 'identity'],
    ['J’ai besoin d’aide svp', 'help'],
    ['que pouvez-vous faire ?', 'help'],
    ['Je voudrais parler à un conseiller', 'human'],
    ['c’est nul, merci quand même', 'complaint'],
    ['Thanks!', 'thanks'],
    ['merci bcp', 'thanks'],
  ])('« %s » is %s', (text, kind) => {
    expect(detectSmallTalk(text)).toBe(kind);
  });

  it('leaves every question alone, greeting or not', () => {
    for (const text of [
      'Bonjour, le référencement est-il obligatoire ?',
      'Merci de me dire ce qu’est le MOS',
      'c’est quoi le MOS',
      'aide au référencement',
      'MOS',
      '👍',
      '',
      'bonjour '.repeat(MAX_SMALL_TALK_WORDS + 1),
    ]) {
      expect(detectSmallTalk(text), text).toBeUndefined();
    }
  });
});
