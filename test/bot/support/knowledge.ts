import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadKnowledgeBase, type KnowledgeBase } from '../../../knowledge/index.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const KB_DIR = path.join(REPO_ROOT, 'knowledge/data');

let cached: Promise<KnowledgeBase> | undefined;

/** The real KB, loaded (and validated) once per test file. */
export function loadTestKnowledgeBase(): Promise<KnowledgeBase> {
  cached ??= loadKnowledgeBase(KB_DIR);
  return cached;
}
