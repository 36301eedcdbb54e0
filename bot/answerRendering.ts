import type { EntryLink, FaqEntry } from '../knowledge/index.js';
import type { AnswerTrust } from './answerTrust.js';
import { frenchSpacing } from './frenchTypography.js';
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
export function answerMarkdown(entry: FaqEntry, trust: AnswerTrust): string {
  const parts = [`**${frenchSpacing(entry.question)}**`];
  if (trust.outdated) parts.push(`**${outdatedNotice(trust)}**`);
  parts.push(answerBlocks(entry.answer).map(plainBlock).join('\n\n'));
  if (entry.missingFigure) parts.push(`_${messages.missingFigure}_`);
  if (needsContactLine(entry)) parts.push(messages.contactLine(contactMarkdown(entry.contact)));
  if (entry.links.length > 0) parts.push(messages.answerLinks, linksMarkdown(entry.links).replace(/\r/g, '\n'));
  parts.push(`_${messages.answerSource(trust.reviewedLabel)}_`, messages.feedbackQuestion);
  return parts.join('\n\n');
}

/**
 * Whether the card shows a « Contact : » line: only when the entry has a
 * contact that its answer does not already give: an address the agency wrote
 * in their answer is not repeated under it.
 */
export function needsContactLine(entry: Pick<FaqEntry, 'answer' | 'contact'>): entry is Pick<FaqEntry, 'answer'> & { readonly contact: string } {
  return entry.contact !== undefined && !entry.answer.toLowerCase().includes(entry.contact.toLowerCase());
}

/** The entry's links as a Markdown list of real links (an `<a href>` in Web Chat and Teams, not a button). */
export function linksMarkdown(links: readonly EntryLink[]): string {
  return links.map((link) => `- [${escapeLinkLabel(link.label)}](${link.url})`).join('\r');
}

/** A contact as Markdown: e-mail addresses become mailto links. */
export function contactMarkdown(contact: string): string {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(contact) ? `[${contact}](mailto:${contact})` : contact;
}

/** What an answer that may be out of date says: how old its review is, or that its date is unknown. */
export function outdatedNotice(trust: AnswerTrust): string {
  return trust.reviewedLabel === undefined ? messages.answerUndated : messages.answerOutdated(trust.maxAgeMonths);
}

function escapeLinkLabel(label: string): string {
  return label.replace(/[[\]]/g, (bracket) => `\\${bracket}`);
}

function plainBlock(block: AnswerBlock): string {
  return block.kind === 'paragraph' ? block.text : block.items.map((item) => `- ${item}`).join('\n');
}
