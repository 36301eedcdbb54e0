import { describe, expect, it } from 'vitest';
import { withAskedFiles, type KnowledgeBase } from '../../../knowledge/index.js';
import { createKbRetriever } from '../../../embeddings/index.js';
import { buildLexicalIndex, PHRASING_VIEW } from '../../../embeddings/lexical/lexicalViews.js';
import { createFrenchAnalyzer } from '../../../embeddings/lexical/frenchAnalyzer.js';
import { loadFixtureKnowledgeBase } from '../../fixtures/kb.js';

/** Words no entry of the fixture KB uses: only the asked question labelled with mos-definition holds them. */
const ASKED = 'Le grand lexique partagé des logiciels soignants, il se trouve où ?';
const TYPED = 'lexique partagé logiciels soignants ?';

function withAsked(kb: KnowledgeBase, questions: readonly string[]): KnowledgeBase {
  return withAskedFiles(kb, [{ file: 'asked/a.yaml', inScope: questions.map((q) => ({ q, id: 'mos-definition' })), outOfScope: [], smallTalk: [] }]);
}

async function topOf(kb: KnowledgeBase, query: string): Promise<string | undefined> {
  const { retriever } = await createKbRetriever({ kb, mode: 'lexical' });
  return (await retriever.score(query)).rank().ranked[0]?.entry.id;
}

describe('lexical views: the questions vendors asked are phrasings of their entry', () => {
  it('a question matching only an asked phrasing retrieves its entry', async () => {
    const kb = await loadFixtureKnowledgeBase();
    expect(await topOf(kb, TYPED)).not.toBe('mos-definition');
    expect(await topOf(withAsked(kb, [ASKED]), TYPED)).toBe('mos-definition');
  });

  it('indexes each asked phrasing once, as one more document of the phrasing view', async () => {
    const kb = await loadFixtureKnowledgeBase();
    const analyzer = createFrenchAnalyzer(kb.synonyms);
    const documents = (entries: KnowledgeBase['entries']): number => buildLexicalIndex(entries, analyzer).state.views[PHRASING_VIEW].documentEntries.length;
    // The second folds to the first (case, accents, punctuation): the loader keeps one.
    const asked = withAsked(kb, [ASKED, ASKED.toUpperCase().replace(' ?', '')]);
    expect(asked.entries.find((entry) => entry.id === 'mos-definition')?.asked).toEqual([ASKED]);
    expect(documents(asked.entries)).toBe(documents(kb.entries) + 1);
  });
});
