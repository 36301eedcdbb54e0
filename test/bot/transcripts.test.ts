import { readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, it } from 'vitest';
import { createKbRetriever, type Retriever } from '../../embeddings/index.js';
import type { KnowledgeBase } from '../../knowledge/index.js';
import { loadFixtureKnowledgeBase, REPO_ROOT } from '../fixtures/kb.js';
import { loadTranscript, runTranscript } from './support/transcriptRunner.js';

const TRANSCRIPTS_DIR = path.join(REPO_ROOT, 'test/transcripts');
const files = readdirSync(TRANSCRIPTS_DIR).filter((file) => file.endsWith('.yaml')).sort();

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await loadFixtureKnowledgeBase();
});

/** The production retrieval over the fixture KB (French analyser + BM25; no model to load in tests). */
async function realRetriever(): Promise<Retriever> {
  return (await createKbRetriever({ kb, mode: 'lexical' })).retriever;
}

describe('transcripts', () => {
  it('has transcripts to replay', () => {
    if (files.length === 0) throw new Error(`no transcript in ${TRANSCRIPTS_DIR}`);
  });
  for (const file of files) {
    it(file, async () => {
      const transcript = await loadTranscript(path.join(TRANSCRIPTS_DIR, file));
      await runTranscript(transcript, { kb, realRetriever });
    });
  }
});
