import { hash, verify } from '@node-rs/argon2';

// argon2id with OWASP's minimum profile (19 MiB, 2 passes); @node-rs/argon2 ships prebuilt binaries, no install script.
const ARGON2ID = 2;
const options = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Verified against when the email is unknown, so a miss costs the same time as a wrong password. */
export const decoyPasswordHash = '$argon2id$v=19$m=19456,t=2,p=1$I7rQ/9MPevi1WAR92D05RA$Wos1KQDlWPn8DE+BTmUNmgDmb4OKmcuguVvghBNIzlY';
