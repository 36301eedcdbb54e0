import path from 'node:path';
import { REPO_ROOT } from '../../fixtures/kb.js';

export { FIXTURE_KB_DIR, REAL_KB_DIR, REPO_ROOT } from '../../fixtures/kb.js';
/** CI checks the shared folder out next to the repository. */
export const SEED_FILE = path.resolve(REPO_ROOT, '../shared/seeds/000_56a9be7f6f2bb40f.txt');
