/**
 * Every seed answer, asked in a Teams personal chat through the CloudAdapter, comes back as a
 * card whose text keeps the agency's words and uses only the Markdown that Teams renders in an
 * Adaptive Card TextBlock: bold, italic, "- " lists and links. No headings, tables, images,
 * code or HTML, which Teams would show as raw characters.
 */
import { frenchSpacing } from '../../../bot/frenchTypography.js';
import { describe, expect, it } from 'vitest';
import type { FaqEntry } from '../../../knowledge/index.js';
import { isRecord } from '../../../knowledge/index.js';
import { cardOf, type ShownCard } from './support/cardText.js';
import { realBotReplayAroundAll } from './support/realBotReplay.js';
import { loadFixture } from './support/teamsReplay.js';

const session = realBotReplayAroundAll();

/** Problems a TextBlock would show as raw characters in Teams. */
function unsupportedMarkdown(text: string): string[] {
  const problems: string[] = [];
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (/^\s*#{1,6}\s/.test(line)) problems.push(`heading: ${line}`);
    if (/^\s*\|.*\|\s*$/.test(line)) problems.push(`table row: ${line}`);
    if (/^\s*(```|~~~)/.test(line)) problems.push(`code fence: ${line}`);
    if (/^\s*[*+]\s/.test(line)) problems.push(`list marker other than "- ": ${line}`);
  }
  if (/<\/?[a-z][^>]*>/i.test(text)) problems.push(`HTML: ${text}`);
  if (/!\[/.test(text)) problems.push(`image: ${text}`);
  if (/`/.test(text)) problems.push(`inline code: ${text}`);
  if (/~~/.test(text)) problems.push(`strikethrough: ${text}`);
  for (const link of text.matchAll(/\]\(([^)]*)\)/g)) {
    if (!/^(https:\/\/|mailto:)/.test(link[1])) problems.push(`link target: ${link[1]}`);
  }
  if ((text.match(/\*\*/g) ?? []).length % 2 !== 0) problems.push(`unbalanced bold: ${text}`);
  return problems;
}

/** The answer card for an entry: asked by its canonical question, following "Vouliez-vous dire…" when shown. */
async function answerCardFor(entry: FaqEntry, conversationId: string): Promise<ShownCard> {
  const question = await loadFixture('personal-message', { serviceUrl: session.replay.serviceUrl });
  if (isRecord(question.conversation)) question.conversation = { ...question.conversation, id: conversationId };
  question.text = entry.question;
  const asked = await session.replay.send(question);
  const first = asked.sent.map((sent) => ({ sent, card: cardOf(sent.activity) })).find((shown) => shown.card !== undefined);
  if (!first?.card) throw new Error(`no card for "${entry.question}"`);
  if (first.card.texts[0] === frenchSpacing(entry.question)) return first.card;

  const pick = first.card.buttons.find((button) => button.data?.id === entry.id);
  if (!pick) throw new Error(`"${entry.question}" was not answered nor offered: ${JSON.stringify(first.card)}`);
  const click = await loadFixture('personal-card-submit', { serviceUrl: session.replay.serviceUrl, replyToId: first.sent.id, value: pick.data });
  if (isRecord(click.conversation)) click.conversation = { ...click.conversation, id: conversationId };
  const picked = await session.replay.send(click);
  const answer = picked.sent.map((sent) => cardOf(sent.activity)).find((card) => card !== undefined);
  if (!answer) throw new Error(`no answer card after picking ${entry.id}`);
  return answer;
}

describe('seed answers as Teams shows them', () => {
  it('checks the Markdown checker itself', () => {
    expect(unsupportedMarkdown('**Bold** and [a link](https://esante.gouv.fr)\r- item one\r- item two')).toEqual([]);
    expect(unsupportedMarkdown('## Title')).toEqual(['heading: ## Title']);
    expect(unsupportedMarkdown('| a | b |')).toEqual(['table row: | a | b |']);
    expect(unsupportedMarkdown('<b>x</b>')).toHaveLength(1);
    expect(unsupportedMarkdown('[x](javascript:alert(1))')).toEqual(['link target: javascript:alert(1']);
  });

  it('keeps every answer verbatim, with its lists, in Markdown that Teams renders', async () => {
    // The fixture KB holds the agency's 17 seed answers.
    expect(session.real.kb.entries).toHaveLength(17);
    let listsSeen = 0;
    for (const [index, entry] of session.real.kb.entries.entries()) {
      const card = await answerCardFor(entry, `a:1MarkdownCheck-${index}`);
      expect(card.texts[0]).toBe(frenchSpacing(entry.question));
      const shownLines = card.texts.flatMap((text) => text.split(/\r\n|\r|\n/)).map((line) => line.trim());
      for (const line of entry.answer.split('\n').map((l) => l.trim()).filter((l) => l !== '')) {
        // "- " list items are re-marked by the renderer; their words stay the agency's.
        expect(shownLines, `${entry.id}`).toContain(line.replace(/^-\s+/, '- '));
        if (line.startsWith('-')) listsSeen += 1;
      }
      for (const text of card.texts) expect(unsupportedMarkdown(text), `${entry.id}: ${text}`).toEqual([]);
    }
    expect(session.real.turnErrors).toEqual([]);
    // The seed has bulleted answers: the check above really covered lists.
    expect(listsSeen).toBeGreaterThan(10);
  });
});
