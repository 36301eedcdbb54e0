import { readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createKbRetriever, type Retriever } from '../../embeddings/index.js';
import type { KnowledgeBase } from '../../knowledge/index.js';
import { loadTestKnowledgeBase, REPO_ROOT } from './support/knowledge.js';
import { loadTranscript, runTranscript } from './support/transcriptRunner.js';

const TRANSCRIPTS_DIR = path.join(REPO_ROOT, 'test/transcripts');
const files = readdirSync(TRANSCRIPTS_DIR).filter((file) => file.endsWith('.yaml')).sort();

let kb: KnowledgeBase;
let indexDir: string | undefined;
beforeAll(async () => {
  kb = await loadTestKnowledgeBase();
});
afterAll(async () => {
  if (indexDir) await rm(indexDir, { recursive: true, force: true });
});

/** The production retrieval over the real KB (French analyser + BM25; no model download in tests). */
async function realRetriever(): Promise<Retriever> {
  indexDir ??= await mkdtemp(path.join(tmpdir(), 'bot-index-'));
  return (await createKbRetriever({ kb, mode: 'lexical', indexDir })).retriever;
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
