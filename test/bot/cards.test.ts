import { beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../knowledge/index.js';
import { answerBlocks, answerMarkdown } from '../../bot/answerRendering.js';
import { ADAPTIVE_CARD_VERSION, answerCard, buttonsCard } from '../../bot/cards.js';
import { messages } from '../../bot/messages.js';
import { cardsOf } from './support/activities.js';
import { loadFixtureKnowledgeBase, loadRealKnowledgeBase } from '../fixtures/kb.js';

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await loadFixtureKnowledgeBase();
});

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
      const attachment = answerCard(faq, 7);
      expect(attachment.contentType).toBe('application/vnd.microsoft.card.adaptive');
      const content: unknown = attachment.content;
      expect(content).toMatchObject({ type: 'AdaptiveCard', version: ADAPTIVE_CARD_VERSION });
      const [card] = cardsOf({ attachments: [attachment] });
      const text = card.texts.join('\n');
      const verbatim = faq.answer.split('\n').map((line) => line.trim()).filter(Boolean).join('\n');
      expect(card.texts[0], faq.id).toBe(faq.question);
      expect(text, faq.id).toContain(verbatim);
      expect(card.texts.at(-1)).toBe('Cette réponse vous a-t-elle été utile ?');
      expect(card.buttons).toEqual([
        { title: '👍 Oui', data: { faq: 1, action: 'vote', helpful: true, turn: 7 } },
        { title: '👎 Non', data: { faq: 1, action: 'vote', helpful: false, turn: 7 } },
      ]);
      expect(JSON.stringify(content)).not.toContain('"wrap":false');
    }
  });

  it('joins list items with the line break Teams documents for TextBlock lists', () => {
    const [card] = cardsOf({ attachments: [answerCard(entry('mes-donnees-disponibles'), 1)] });
    const attachment = answerCard(entry('mes-donnees-disponibles'), 1);
    expect(JSON.stringify(attachment.content)).toContain('\\r- les mesures de santé');
    expect(card.texts.some((t) => t.startsWith('- les données du profil médical'))).toBe(true);
  });

  it('says when the figure an answer refers to is missing, and shows the innovation contact as a mail link', () => {
    const withFigure = kb.entries.filter((e) => e.missingFigure);
    expect(withFigure.map((e) => e.id).sort()).toEqual(['mos-modelisation-uml', 'mos-nos-pourquoi']);
    for (const faq of withFigure) expect(cardsOf({ attachments: [answerCard(faq, 1)] })[0].texts).toContain(messages.missingFigure);
    const innovation = cardsOf({ attachments: [answerCard(entry('innovation-collaboration'), 1)] })[0];
    expect(innovation.texts).toContain('Contact : [innovation@esante.gouv.fr](mailto:innovation@esante.gouv.fr)');
  });

  it('keeps a Markdown fallback with the lists for clients without cards', () => {
    const markdown = answerMarkdown(entry('mos-nos-cas-usage'));
    expect(markdown.startsWith('**À quoi peuvent servir le MOS et les NOS dans un système d’information ?**')).toBe(true);
    expect(markdown).toContain('\n- échanger des informations entre les SI');
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
