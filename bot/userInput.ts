import { foldForComparison } from '../knowledge/index.js';
import { parsePayload, type FaqPayload } from './payload.js';

/** Longer messages get a polite note and only their beginning is searched. */
export const MAX_MESSAGE_CHARS = 1_000;
/** Longest slice of the user's text quoted back in a reply. */
export const MAX_QUOTE_CHARS = 120;
/** Longest comment stored after a 👎. */
export const MAX_COMMENT_CHARS = 1_000;

/** What a typed command asks for: start the triage over, or show the help. */
export type Command = 'restart' | 'help';

/** What one incoming message is, before any state is looked at. */
export type UserInput =
  | { readonly kind: 'payload'; readonly payload: FaqPayload }
  | { readonly kind: 'invalidPayload'; readonly reason: string }
  | { readonly kind: 'command'; readonly command: Command }
  | { readonly kind: 'empty' }
  | { readonly kind: 'noWords' }
  | { readonly kind: 'text'; readonly text: string; readonly truncated: boolean };

const COMMANDS: Readonly<Record<string, Command>> = {
  menu: 'restart',
  recommencer: 'restart',
  restart: 'restart',
  accueil: 'restart',
  aide: 'help',
  help: 'help',
};

/**
 * Classifies a message from its text and its card `value`. A card value wins
 * over text (Teams' messageBack sends both); a value that is not ours is
 * reported, not guessed at.
 */
export function classifyInput(text: string | undefined, value: unknown): UserInput {
  const cleaned = cleanText(text ?? '');
  if (value !== undefined && value !== null) {
    const parsed = parsePayload(value);
    if (parsed.kind === 'payload') return parsed;
    if (cleaned === '') return { kind: 'invalidPayload', reason: parsed.reason };
  }
  if (cleaned === '') return { kind: 'empty' };
  const command = COMMANDS[foldTypedText(cleaned)];
  if (command) return { kind: 'command', command };
  if (!/[\p{L}\p{N}]/u.test(cleaned)) return { kind: 'noWords' };
  const truncated = cleaned.length > MAX_MESSAGE_CHARS;
  return { kind: 'text', text: truncated ? cutAt(cleaned, MAX_MESSAGE_CHARS) : cleaned, truncated };
}

/** NFC, control characters removed, whitespace collapsed and trimmed. */
export function cleanText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\p{Cf}/gu, '')
    .replace(/\p{Cc}/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The user's text made safe to quote inside a Markdown reply (Web Chat and
 * Teams both render Markdown): shortened, HTML and Markdown specials escaped,
 * URLs defused, so nothing the user typed comes back as live markup.
 */
export function quoteUserText(text: string, max = MAX_QUOTE_CHARS): string {
  const cleaned = cleanText(text);
  const short = cleaned.length > max ? `${cutAt(cleaned, max - 1).trimEnd()}…` : cleaned;
  return short
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]{}()#|~!]/g, (char) => `\\${char}`)
    .replace(/:\/\//g, ':\\/\\/');
}

/** A comment as stored: cleaned and bounded. */
export function boundComment(text: string): string {
  return cutAt(cleanText(text), MAX_COMMENT_CHARS);
}

/** The first `max` UTF-16 units, one fewer when the cut would split an emoji's surrogate pair (a lone half shows as �). */
function cutAt(text: string, max: number): string {
  const end = /[\uD800-\uDBFF]/.test(text.charAt(max - 1)) ? max - 1 : max;
  return text.slice(0, end);
}

/**
 * What a typed word is compared on, for commands and button labels: folded
 * (case, accents, apostrophes), without a leading "/" or "!" and end punctuation.
 */
export function foldTypedText(text: string): string {
  return foldForComparison(text)
    .replace(/^[/!]+/, '')
    .replace(/[\s.!?…]+$/u, '');
}

/**
 * Whether text typed while the bot waits for an optional comment is rather a
 * new question: users often skip the comment by just asking again. A question
 * mark at the end is the signal; a comment that is itself a question then
 * goes to the search, whose misses are recorded as unanswered questions anyway.
 */
export function looksLikeQuestion(text: string): boolean {
  return /[?？]\s*$/u.test(text);
}
