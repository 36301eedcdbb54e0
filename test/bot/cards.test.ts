import { beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../knowledge/index.js';
import { answerBlocks, answerMarkdown } from '../../bot/answerRendering.js';
import { ADAPTIVE_CARD_VERSION, answerCard, buttonsCard } from '../../bot/cards.js';
import { answerTrust, type AnswerTrust } from '../../bot/answerTrust.js';
import { frenchSpacing } from '../../bot/frenchTypography.js';
import { messages } from '../../bot/messages.js';
import { cardsOf } from './support/activities.js';
import { loadFixtureKnowledgeBase, loadRealKnowledgeBase } from '../fixtures/kb.js';

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await loadFixtureKnowledgeBase();
});

const FRESH: AnswerTrust = { reviewedLabel: '26 novembre 2026', outdated: false, maxAgeMonths: 12 };

const entry = (id: string) => {
  const found = kb.entries.find((e) => e.id === id);
  if (!found) throw new Error(`no entry ${id}`);
  return found;
};

describe('answerBlocks', () => {
  it('keeps paragraphs and groups "- " items into lists, words untouched', () => {
    expect(answerBlocks('Intro :\n- un ;\n- deux.\nFin.')).toEqual([
      { kind: 'paragraph', text: 'Intro :' },
      { kind: 'list', items: ['un ;', 'deux.'] },
      { kind: 'paragraph', text: 'Fin.' },
    ]);
  });

  it('renders an answer that starts with its list (answer 12) as a list', () => {
    expect(answerBlocks(entry('mes-referencement-benefices').answer)[0].kind).toBe('list');
  });
});

describe('answerCard', () => {
  it('renders every answer of the real KB verbatim in an Adaptive Card 1.5 with wrapped text blocks and the thumbs', async () => {
    for (const faq of (await loadRealKnowledgeBase()).entries) {
      const trust = answerTrust(faq, { now: new Date(), maxAgeMonths: 12 });
      const attachment = answerCard(faq, 7, trust);
      expect(attachment.contentType).toBe('application/vnd.microsoft.card.adaptive');
      const content: unknown = attachment.content;
      expect(content).toMatchObject({ type: 'AdaptiveCard', version: ADAPTIVE_CARD_VERSION });
      const [card] = cardsOf({ attachments: [attachment] });
      const text = card.texts.join('\n');
      const verbatim = faq.answer.split('\n').map((line) => line.trim()).filter(Boolean).join('\n');
      expect(card.texts[0], faq.id).toBe(frenchSpacing(faq.question));
      expect(text, faq.id).toContain(verbatim);
      expect(card.texts.at(-1)).toBe(messages.feedbackQuestion);
      expect(card.texts.at(-2), faq.id).toBe(messages.answerSource(trust.reviewedLabel));
      expect(card.buttons).toEqual([
        { title: '👍 Oui', data: { faq: 1, action: 'vote', helpful: true, turn: 7 } },
        { title: '👎 Non', data: { faq: 1, action: 'vote', helpful: false, turn: 7 } },
      ]);
      expect(JSON.stringify(content)).not.toContain('"wrap":false');
    }
  });

  it('joins list items with the line break Teams documents for TextBlock lists', () => {
    const [card] = cardsOf({ attachments: [answerCard(entry('mes-donnees-disponibles'), 1, FRESH)] });
    const attachment = answerCard(entry('mes-donnees-disponibles'), 1, FRESH);
    expect(JSON.stringify(attachment.content)).toContain('\\r- les mesures de santé');
    expect(card.texts.some((t) => t.startsWith('- les données du profil médical'))).toBe(true);
  });

  it('says when the figure an answer refers to is missing', () => {
    const withFigure = kb.entries.filter((e) => e.missingFigure);
    expect(withFigure.map((e) => e.id).sort()).toEqual(['mos-modelisation-uml', 'mos-nos-pourquoi']);
    for (const faq of withFigure) expect(cardsOf({ attachments: [answerCard(faq, 1, FRESH)] })[0].texts).toContain(messages.missingFigure);
  });

  it('gives the contact once: never repeated under an answer that already gives it, as a mail link when it does not', () => {
    const innovation = entry('innovation-collaboration');
    const texts = cardsOf({ attachments: [answerCard(innovation, 1, FRESH)] })[0].texts.join('\n');
    // The agency's answer names the address twice, in its own words: nothing is added to that.
    expect(texts.split('innovation@esante.gouv.fr').length - 1).toBe(innovation.answer.split('innovation@esante.gouv.fr').length - 1);
    expect(texts).not.toContain(messages.contactLine(''));
    const elsewhere = { ...entry('mes-referencement-obligatoire'), contact: 'referencement@example.fr' };
    expect(cardsOf({ attachments: [answerCard(elsewhere, 1, FRESH)] })[0].texts).toContain(messages.contactLine('[referencement@example.fr](mailto:referencement@example.fr)'));
  });

  it('names the source and the review date in French on every answer, and says when the answer may be out of date', () => {
    const faq = entry('mes-referencement-obligatoire');
    const fresh = cardsOf({ attachments: [answerCard(faq, 1, FRESH)] })[0].texts;
    expect(fresh.at(-2)).toBe(messages.answerSource('26 novembre 2026'));
    expect(fresh.at(-2)).toMatch(/^Source\u00a0: FAQ du Portail Industriels de l’ANS\. Mise à jour le 26 novembre 2026\.$/);
    expect(fresh).not.toContain(messages.answerOutdated(12));
    const old = cardsOf({ attachments: [answerCard(faq, 1, { reviewedLabel: '3 mars 2021', outdated: true, maxAgeMonths: 12 })] })[0].texts;
    // Read before the answer, right under its question.
    expect(old.slice(0, 2)).toEqual([frenchSpacing(faq.question), messages.answerOutdated(12)]);
    expect(old).toContain(messages.answerSource('3 mars 2021'));
    const undated = cardsOf({ attachments: [answerCard(faq, 1, { outdated: true, maxAgeMonths: 12 })] })[0].texts;
    expect(undated.slice(0, 2)).toEqual([frenchSpacing(faq.question), messages.answerUndated]);
    expect(undated).toContain('Source\u00a0: FAQ du Portail Industriels de l’ANS.');
  });

  it('shows the entry\'s links as real Markdown links under the answer, not as buttons', () => {
    const faq = { ...entry('mes-referencement-obligatoire'), links: [{ label: 'Page [MES]', url: 'https://example.fr/mes' }, { label: 'Doctrine', url: 'https://example.fr/d' }] };
    const attachment = answerCard(faq, 1, FRESH);
    const [card] = cardsOf({ attachments: [attachment] });
    expect(card.texts).toContain(messages.answerLinks);
    expect(card.texts).toContain('- [Page \\[MES\\]](https://example.fr/mes)\n- [Doctrine](https://example.fr/d)');
    expect(card.buttons.map((b) => b.title)).toEqual([messages.thumbsUp, messages.thumbsDown]);
    expect(answerMarkdown(faq, FRESH)).toContain('- [Doctrine](https://example.fr/d)');
  });

  it('keeps a Markdown fallback with the lists, the source and the date for clients without cards', () => {
    const markdown = answerMarkdown(entry('mos-nos-cas-usage'), FRESH);
    expect(markdown.startsWith('**À quoi peuvent servir le MOS et les NOS dans un système d’information\u202f?**')).toBe(true);
    expect(markdown).toContain('\n- échanger des informations entre les SI');
    expect(markdown).toContain(`_${messages.answerSource('26 novembre 2026')}_`);
  });
});

describe('buttonsCard', () => {
  it('puts the first text in bold and every button as an Action.Submit with its payload', () => {
    const attachment = buttonsCard(['Question ?', 'Détail'], [{ title: 'Recommencer', payload: { action: 'restart' } }]);
    expect(attachment.content).toMatchObject({
      version: '1.5',
      body: [
        { type: 'TextBlock', text: 'Question ?', wrap: true, weight: 'Bolder' },
        { type: 'TextBlock', text: 'Détail', wrap: true },
      ],
      actions: [{ type: 'Action.Submit', title: 'Recommencer', data: { faq: 1, action: 'restart' } }],
    });
  });
});
