import { randomBytes, scrypt, timingSafeEqual, type BinaryLike, type ScryptOptions } from 'node:crypto';

/** scrypt cost: N=2^15, r=8 (~32 MB, ~50–100 ms here): slow for a guesser, fine for a sign-in form. */
const SCRYPT: ScryptOptions = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEY_LENGTH = 32;

function scryptAsync(password: BinaryLike, salt: BinaryLike): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, KEY_LENGTH, SCRYPT, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/**
 * The console's local account (CONSOLE_ADMIN_USER / CONSOLE_ADMIN_PASSWORD).
 * The password is kept only as a salted scrypt hash. A check always runs
 * scrypt and compares both the name and the hash in constant time, so a wrong
 * user name takes as long as a wrong password.
 */
export class LocalAccount {
  private constructor(
    private readonly user: Buffer,
    private readonly salt: Buffer,
    private readonly hash: Buffer,
  ) {}

  static async create(user: string, password: string): Promise<LocalAccount> {
    const salt = randomBytes(16);
    return new LocalAccount(await scryptAsync(user, 'user-name'), salt, await scryptAsync(password, salt));
  }

  async verify(user: string, password: string): Promise<boolean> {
    // The name goes through scrypt too: equal-length buffers whatever was typed, one code path for every attempt.
    const [nameHash, passwordHash] = await Promise.all([scryptAsync(user, 'user-name'), scryptAsync(password, this.salt)]);
    const nameOk = timingSafeEqual(nameHash, this.user);
    const passwordOk = timingSafeEqual(passwordHash, this.hash);
    return nameOk && passwordOk;
  }
}
