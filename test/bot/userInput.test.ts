import { describe, expect, it } from 'vitest';
import { boundComment, classifyInput, looksLikeQuestion, MAX_COMMENT_CHARS, MAX_MESSAGE_CHARS, quoteUserText } from '../../bot/userInput.js';

describe('classifyInput', () => {
  it('recognises commands whatever the case, accents and trailing punctuation', () => {
    for (const text of ['menu', 'Menu', ' MENU ! ', '/menu', 'recommencer', 'Recommencer.', 'restart']) {
      expect(classifyInput(text, undefined), text).toEqual({ kind: 'command', command: 'restart' });
    }
    for (const text of ['aide', 'Aide ?', 'help']) expect(classifyInput(text, undefined), text).toEqual({ kind: 'command', command: 'help' });
    expect(classifyInput('menu du portail ?', undefined).kind).toBe('text');
  });

  it('tells empty, emoji-only and punctuation-only messages apart from questions', () => {
    expect(classifyInput(undefined, undefined)).toEqual({ kind: 'empty' });
    expect(classifyInput(' \n\t ', undefined)).toEqual({ kind: 'empty' });
    expect(classifyInput('\u200b', undefined)).toEqual({ kind: 'empty' });
    expect(classifyInput('👍🏽🎉', undefined)).toEqual({ kind: 'noWords' });
    expect(classifyInput('?!', undefined)).toEqual({ kind: 'noWords' });
    expect(classifyInput('MOS ?', undefined)).toEqual({ kind: 'text', text: 'MOS ?', truncated: false });
    expect(classifyInput('  quoi\u0007 de   neuf ', undefined)).toEqual({ kind: 'text', text: 'quoi de neuf', truncated: false });
  });

  it('bounds long messages', () => {
    const result = classifyInput('a'.repeat(10_000), undefined);
    expect(result).toEqual({ kind: 'text', text: 'a'.repeat(MAX_MESSAGE_CHARS), truncated: true });
  });

  it('never cuts an emoji in half when bounding', () => {
    const result = classifyInput(`${'a'.repeat(MAX_MESSAGE_CHARS - 1)}👍 suite`, undefined);
    expect(result).toEqual({ kind: 'text', text: 'a'.repeat(MAX_MESSAGE_CHARS - 1), truncated: true });
    expect(boundComment(`${'x'.repeat(MAX_COMMENT_CHARS - 1)}👍`)).toBe('x'.repeat(MAX_COMMENT_CHARS - 1));
    expect(quoteUserText(`${'m'.repeat(18)}👍 fin`, 20)).toBe(`${'m'.repeat(18)}…`);
  });

  it('prefers our card payloads over text, and reports foreign values', () => {
    expect(classifyInput('ignored', { faq: 1, action: 'restart' })).toEqual({ kind: 'payload', payload: { action: 'restart' } });
    expect(classifyInput(undefined, { foo: 1 })).toEqual({ kind: 'invalidPayload', reason: 'not a FAQ card payload of this version' });
    // A foreign value with text (some channels add values to typed messages): the text counts.
    expect(classifyInput('MOS ?', { foo: 1 }).kind).toBe('text');
  });
});

describe('quoteUserText', () => {
  it('escapes HTML and Markdown so nothing comes back as live markup', () => {
    const quoted = quoteUserText('<img src=x onerror=alert(1)> **gras** [a](javascript:x) `code` R&D');
    // Once backslash escapes are set aside, no HTML or Markdown special character is left.
    expect(quoted.replace(/\\./g, '')).not.toMatch(/[<>*_[\]()`]/);
    expect(quoted).toContain('&lt;img');
    expect(quoted).toContain('\\*\\*gras\\*\\*');
    expect(quoted).toContain('R&amp;D');
    expect(quoteUserText('voir https://evil.example')).toBe('voir https:\\/\\/evil.example');
  });

  it('shortens long quotes', () => {
    const quoted = quoteUserText('mot '.repeat(100), 20);
    expect(quoted.length).toBeLessThanOrEqual(20);
    expect(quoted.endsWith('…')).toBe(true);
  });
});

describe('boundComment', () => {
  it('cleans and bounds a comment', () => {
    expect(boundComment('  trop\n\ncourt ')).toBe('trop court');
    expect(boundComment('x'.repeat(5_000))).toHaveLength(MAX_COMMENT_CHARS);
  });
});

describe('looksLikeQuestion', () => {
  it('sees a new question in text ending with a question mark', () => {
    expect(looksLikeQuestion('quelles données sont dans MES ?')).toBe(true);
    expect(looksLikeQuestion('c’est obligatoire?  ')).toBe(true);
    expect(looksLikeQuestion('Il manque le format des documents')).toBe(false);
    expect(looksLikeQuestion('? au début seulement')).toBe(false);
  });
});
