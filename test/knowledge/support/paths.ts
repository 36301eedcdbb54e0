import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, resolved from this file so tests do not depend on the working directory. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const KB_DIR = path.join(REPO_ROOT, 'knowledge/data');
/** CI checks the shared folder out next to the repository. */
export const SEED_FILE = path.resolve(REPO_ROOT, '../shared/seeds/000_56a9be7f6f2bb40f.txt');
