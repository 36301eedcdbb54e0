import type { FaqEntry } from '../knowledge/index.js';
import { messages } from './messages.js';

/** A piece of an answer: a paragraph, or consecutive "- " list items kept as one list. */
export type AnswerBlock =
  | { readonly kind: 'paragraph'; readonly text: string }
  | { readonly kind: 'list'; readonly items: readonly string[] };

const LIST_ITEM = /^\s*-\s+/;

/**
 * Splits the agency's verbatim answer into paragraphs and lists, one line per
 * paragraph as in the source. Items keep their own words (the "- " marker is
 * re-added by the renderers), so the text stays verbatim.
 */
export function answerBlocks(answer: string): AnswerBlock[] {
  const blocks: AnswerBlock[] = [];
  for (const rawLine of answer.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === '') continue;
    if (LIST_ITEM.test(line)) {
      const item = line.replace(LIST_ITEM, '');
      const last = blocks[blocks.length - 1];
      if (last?.kind === 'list') blocks[blocks.length - 1] = { kind: 'list', items: [...last.items, item] };
      else blocks.push({ kind: 'list', items: [item] });
    } else {
      blocks.push({ kind: 'paragraph', text: line });
    }
  }
  return blocks;
}

/**
 * Markdown of one block for an Adaptive Card TextBlock. List items are joined
 * with "\r", the line break Teams documents for TextBlock lists (Web Chat's
 * Markdown renderer reads it as a newline too).
 */
export function blockMarkdown(block: AnswerBlock): string {
  return block.kind === 'paragraph' ? block.text : block.items.map((item) => `- ${item}`).join('\r');
}

/** The whole answer as Markdown, for clients that cannot render cards (card `fallbackText`, logs of tests). */
export function answerMarkdown(entry: FaqEntry): string {
  const parts = [`**${entry.question}**`, answerBlocks(entry.answer).map(plainBlock).join('\n\n')];
  if (entry.missingFigure) parts.push(`_${messages.missingFigure}_`);
  if (entry.contact) parts.push(messages.contactLine(entry.contact));
  for (const link of entry.links) parts.push(`[${link.label}](${link.url})`);
  parts.push(messages.feedbackQuestion);
  return parts.join('\n\n');
}

/** A contact as Markdown: e-mail addresses become mailto links. */
export function contactMarkdown(contact: string): string {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(contact) ? `[${contact}](mailto:${contact})` : contact;
}

function plainBlock(block: AnswerBlock): string {
  return block.kind === 'paragraph' ? block.text : block.items.map((item) => `- ${item}`).join('\n');
}
