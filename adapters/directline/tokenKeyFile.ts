import { randomBytes } from 'node:crypto';
import { chmod, link, mkdir, open, readFile, stat, unlink } from 'node:fs/promises';
import path from 'node:path';

/** File, in the data folder, holding the generated token key. */
export const TOKEN_KEY_FILE = 'direct-line-token.key';
const KEY_BYTES = 32;
const KEY_PATTERN = /^[0-9a-f]{64}$/;

/**
 * The key signing the built-in Direct Line tokens: `DIRECT_LINE_TOKEN_SECRET` when it
 * is set; otherwise a random key generated once into `<dataDir>/direct-line-token.key`
 * (mode 0600) and read back at every start, so that a restart keeps visitors' tokens
 * valid. The file is created without ever overwriting one (a second process starting
 * at the same moment reads the first one's key).
 */
export async function directLineTokenKey(secret: string | undefined, dataDir: string): Promise<Buffer> {
  if (secret) return Buffer.from(secret, 'utf8');
  const file = path.join(dataDir, TOKEN_KEY_FILE);
  try {
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    return (await readKey(file)) ?? (await createKey(file));
  } catch (cause) {
    throw new Error(`directLineTokenKey: cannot read or create the token key "${file}"`, { cause });
  }
}

/** The key in `file`, or undefined when there is no file yet. */
async function readKey(file: string): Promise<Buffer | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return undefined;
    throw error;
  }
  const hex = text.trim();
  if (!KEY_PATTERN.test(hex)) throw new Error(`${file} does not hold a key written by this server; delete it to generate a new one`);
  // A copy restored with loose permissions would expose the key to other local users.
  if (((await stat(file)).mode & 0o077) !== 0) await chmod(file, 0o600);
  return Buffer.from(hex, 'hex');
}

async function createKey(file: string): Promise<Buffer> {
  const key = randomBytes(KEY_BYTES);
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(temporary, 'wx', 0o600);
  try {
    await handle.writeFile(`${key.toString('hex')}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    // link() never replaces an existing file: whoever links first wins, the others read the winner's key.
    await link(temporary, file);
    return key;
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'EEXIST') {
      const existing = await readKey(file);
      if (existing) return existing;
    }
    throw error;
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
}
