import { describe, expect, it } from 'vitest';
import {
  detectSmallTalk,
  MAX_SMALL_TALK_WORDS,
  MAX_WORDS_ADDRESSING_THE_BOT,
  MAX_WORDS_AROUND_SMALL_TALK,
  MAX_WORDS_NAMING_NOTHING,
  smallTalkAround,
  smallTalkOf,
} from '../../../embeddings/decision/smallTalk.js';

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
    ['Merciiii 🙏', 'thanks'],
    ['Bonjouuur !!', 'greeting'],
    ['coool', 'acknowledgement'],
    ['@+', 'goodbye'],
    ['A+ !', 'goodbye'],
    ['nimporte quoi', 'complaint'],
    ['tes nul', 'complaint'],
    ['merci beaucoup pour votre aide', 'thanks'],
    ['Vous êtes un bot ou un humain ?', 'identity'],
    ['Are you a bot or a human?', 'identity'],
    ['bande de nuls', 'complaint'],
    ['un instant svp', 'wait'],
    ['Do you speak English?', 'language'],
    ['bonne fin d’après-midi', 'goodbye'],
    ['bon appétit !', 'goodbye'],
    ['bonne soiré', 'goodbye'],
    ['pas top', 'complaint'],
    ['pas très clair', 'complaint'],
    ['pas vraiment', 'complaint'],
    ['vraiment ?', 'acknowledgement'],
    ['pas de souci', 'acknowledgement'],
    ['this doesn’t help', 'complaint'],
    ['I need help', 'help'],
    // Long thanks are still thanks; a plural is a spelling, not a typo.
    ['Merci beaucoup pour votre aide, c’est très gentil de votre part, je vous souhaite une excellente journée', 'thanks'],
    ['super, réponses très utiles', 'acknowledgement'],
  ])('« %s » is %s', (text, kind) => {
    expect(detectSmallTalk(text)).toBe(kind);
  });

  it('leaves every question alone, greeting or not', () => {
    for (const text of [
      'Bonjour, le référencement est-il obligatoire ?',
      'Merci de me dire ce qu’est le MOS',
      'c’est quoi le MOS',
      'aide au référencement',
      'Bonjouuur, le DMP est-il obligatoire ?',
      'une note A+ pour le référencement ?',
      'appliii',
      'MOS',
      '👍',
      '',
      'bonjour '.repeat(MAX_SMALL_TALK_WORDS + 1),
      'à quel moment ?',
      'bonjoru',
    ]) {
      expect(detectSmallTalk(text), text).toBeUndefined();
    }
  });
});

describe('smallTalkAround', () => {
  it('finds small talk with a few words the phrases lack, for the caller to check against the KB', () => {
    expect(smallTalkAround('merci pour cette réponse détaillée')).toEqual({ kind: 'thanks', outside: ['detaillee'], typos: [] });
    expect(smallTalkAround('bonjour je m’appelle Julie')).toEqual({ kind: 'greeting', outside: ['julie'], typos: [] });
  });

  it('reads a word a typo away from a small-talk word as that word, and names it for the caller to check', () => {
    expect(smallTalkAround('bonjoru')).toEqual({ kind: 'greeting', outside: [], typos: ['bonjoru'] });
    expect(smallTalkAround('merco beaucou')).toEqual({ kind: 'thanks', outside: [], typos: ['merco', 'beaucou'] });
    expect(smallTalkAround('bonsior')).toEqual({ kind: 'greeting', outside: [], typos: ['bonsior'] });
    // A final « e » too many is a spelling, not a typo: plain small talk.
    expect(smallTalkAround('au revoire')).toBeUndefined();
    expect(detectSmallTalk('au revoire')).toBe('goodbye');
    // Too short to guess: « nos », « ins » are one letter from many words.
    expect(smallTalkAround('non ?')).toBeUndefined();
    expect(smallTalkAround('nos ?')).toBeUndefined();
  });

  it('never reads an acronym as a word around small talk, even one the FAQ drops as a common word', () => {
    expect(smallTalkAround('bonjour les NOS')).toBeUndefined();
    expect(smallTalkAround('bonjour les nos')).toEqual({ kind: 'greeting', outside: ['nos'], typos: [] });
  });

  it('reads a short message that says « tu » as talking to the bot, question mark or not', () => {
    expect(smallTalkAround('t’as faim ?')).toEqual({ kind: 'identity', outside: ['as', 'faim'], typos: [] });
    expect(smallTalkAround('t’es marrant')).toEqual({ kind: 'identity', outside: ['marrant'], typos: [] });
    // Asking something off-topic is a question, declined as such.
    expect(smallTalkAround('tu connais quel restaurant ?')).toBeUndefined();
    expect(smallTalkAround(`tu ${'mot '.repeat(MAX_WORDS_ADDRESSING_THE_BOT)}`)).toBeUndefined();
  });

  it('declines plain small talk, messages without a phrase, too many other words, interrogatives and question marks', () => {
    expect(smallTalkAround('merci beaucoup')).toBeUndefined();
    expect(smallTalkAround('référencement obligatoire')).toBeUndefined();
    expect(smallTalkAround(`merci ${'mot '.repeat(MAX_WORDS_AROUND_SMALL_TALK + 1)}`)).toBeUndefined();
    expect(smallTalkAround('merci, combien de temps')).toBeUndefined();
    expect(smallTalkAround('ok, et le DMP ?')).toBeUndefined();
    expect(smallTalkAround('comment faire une rupture conventionnelle')).toBeUndefined();
    expect(smallTalkAround('comment ça marche le financement Ségur ?')).toBeUndefined();
    expect(smallTalkAround('un instant, le DMP')).toBeUndefined();
    expect(smallTalkAround('in English: is listing mandatory?')).toBeUndefined();
  });
});

describe('smallTalkOf, for a message that names nothing', () => {
  it('offers a short message without any phrase as `unclear`, its words for the caller to check', () => {
    expect(smallTalkOf('autre chose ?')).toEqual({ kind: 'unclear', confirm: { kind: 'unclear', outside: ['autre', 'chose'], typos: [], unnamed: ['chose'] } });
    // Interrogatives alone ask about nothing; the FAQ's phrasings know them, so they are not checked against it.
    expect(smallTalkOf('pourquoi ?')?.confirm).toEqual({ kind: 'unclear', outside: [], typos: [], unnamed: [] });
    // Words that look like no word are checked against the FAQ's vocabulary only (« rpps » typed in lower case).
    expect(smallTalkOf('asdfgh qsdqsd')?.confirm).toEqual({ kind: 'unclear', outside: ['asdfgh', 'qsdqsd'], typos: [], unnamed: [] });
    // Words of a subject must carry no term at all: the caller declines « Eiffel », a subject the FAQ does not know.
    expect(smallTalkOf('la tour Eiffel ?')?.confirm).toEqual({ kind: 'unclear', outside: ['la', 'tour', 'eiffel'], typos: [], unnamed: ['tour', 'eiffel'] });
  });

  it('keeps the kind of a phrase that other words did not let through', () => {
    expect(smallTalkOf('merci, mais pourquoi ?')).toMatchObject({ kind: 'thanks', confirm: { unnamed: [] } });
  });

  it('leaves long messages, asked information and acronyms to the search', () => {
    expect(smallTalkOf('combien ça coûte ?')).toBeUndefined();
    expect(smallTalkOf('quel délai ?')).toBeUndefined();
    expect(smallTalkOf('RGPD ?')).toBeUndefined();
    expect(smallTalkOf(`autre ${'chose '.repeat(MAX_WORDS_NAMING_NOTHING)}`)).toBeUndefined();
    // Not small talk around a phrase either (see smallTalkAround).
    expect(smallTalkAround('autre chose ?')).toBeUndefined();
  });
});
