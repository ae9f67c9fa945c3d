import { computeHa1 } from './digest.ts';

/**
 * The credentials port. Stores may keep precomputed HA1 values (so no plain password is stored)
 * or a password; whatever is missing for an algorithm is derived from the password.
 */
export interface Credentials {
  ha1Md5?: string;
  ha1Sha256?: string;
  password?: string;
}

export interface CredentialStore {
  lookup(user: string, realm: string): Credentials | null | Promise<Credentials | null>;
}

/** A fixed map user → password, for tests, the demo and benches. */
export class StaticCredentialStore implements CredentialStore {
  readonly #users: Map<string, string>;
  constructor(users: Record<string, string> | Map<string, string>) {
    this.#users = users instanceof Map ? new Map(users) : new Map(Object.entries(users));
  }
  lookup(user: string, _realm: string): Credentials | null {
    const password = this.#users.get(user);
    return password === undefined ? null : { password };
  }
  set(user: string, password: string): void {
    this.#users.set(user, password);
  }
}

/** HA1 for an algorithm from stored credentials, or null when neither HA1 nor password is there. */
export function ha1For(c: Credentials, alg: 'MD5' | 'SHA-256', user: string, realm: string): string | null {
  const stored = alg === 'MD5' ? c.ha1Md5 : c.ha1Sha256;
  if (stored) return stored.toLowerCase();
  return c.password === undefined ? null : computeHa1(alg, user, realm, c.password);
}
