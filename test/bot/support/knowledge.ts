import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { FaqEntry, KnowledgeBase, Taxonomy } from '../../../knowledge/index.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const KB_DIR = path.join(REPO_ROOT, 'knowledge/data');

/**
 * The real KB content for bot tests. Reads the YAML files directly so the bot
 * tests do not depend on the loader's validation rules.
 */
export async function loadTestKnowledgeBase(): Promise<KnowledgeBase> {
  const taxonomy = parse(await readFile(path.join(KB_DIR, 'taxonomy.yaml'), 'utf8')) as Taxonomy;
  const files = (await readdir(path.join(KB_DIR, 'entries'))).filter((f) => f.endsWith('.yaml')).sort();
  const entries: FaqEntry[] = [];
  for (const file of ['innovation.yaml', 'mon-espace-sante.yaml', 'mos-nos.yaml'].filter((f) => files.includes(f))) {
    const doc = parse(await readFile(path.join(KB_DIR, 'entries', file), 'utf8')) as { entries: Omit<FaqEntry, 'source' | 'links'>[] & { links?: FaqEntry['links'] }[] };
    for (const raw of doc.entries) {
      entries.push({ links: [], ...raw, source: { file, line: 0 } } as FaqEntry);
    }
  }
  return { entries, taxonomy, synonyms: [], version: 'test-kb-version' };
}
