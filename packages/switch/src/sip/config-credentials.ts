import type { SwitchConfig } from '@hotline/contracts';
import { type CredentialStore, type Credentials, computeHa1 } from '@hotline/sip';

/**
 * The switch's credentials: extensions and registering carrier trunks of the configuration
 * control pushed, as digest HA1 values for the configured realm (docs/decisions/0305).
 */
export class ConfigCredentialStore implements CredentialStore {
  #byUser = new Map<string, Credentials>();
  #realm = '';

  constructor(config: SwitchConfig) {
    this.update(config);
  }

  update(config: SwitchConfig): void {
    const m = new Map<string, Credentials>();
    for (const t of config.trunks) {
      if (!t.inboundUser) continue;
      const c = secrets(t.inboundHa1Md5, t.inboundHa1Sha256, t.inboundPassword);
      if (c) m.set(t.inboundUser, c);
    }
    // An extension wins over a trunk user of the same name.
    for (const e of config.extensions) {
      const c = secrets(e.ha1Md5, e.ha1Sha256, e.password);
      if (c) m.set(e.extension, c);
    }
    this.#byUser = m;
    this.#realm = config.realm;
  }

  lookup(user: string, realm: string): Credentials | null {
    if (realm !== this.#realm) return null;
    return this.#byUser.get(user) ?? null;
  }
}

function secrets(md5: string | undefined, sha: string | undefined, password: string | undefined): Credentials | null {
  if (md5 === undefined && sha === undefined && password === undefined) return null;
  return {
    ...(md5 !== undefined ? { ha1Md5: md5 } : {}),
    ...(sha !== undefined ? { ha1Sha256: sha } : {}),
    ...(password !== undefined ? { password } : {}),
  };
}

/**
 * The configuration with every clear password we verify (extensions, inbound trunk users) turned
 * into HA1 values for the realm, so that nothing clear is kept in memory longer than needed or
 * written to the cache. Outbound trunk passwords stay: we answer the carrier's challenge for a
 * realm it names (decision 0305).
 */
export function hashConfigSecrets(c: SwitchConfig): SwitchConfig {
  return {
    ...c,
    extensions: c.extensions.map(({ password, ...e }) =>
      password === undefined
        ? e
        : {
            ...e,
            ha1Md5: e.ha1Md5 ?? computeHa1('MD5', e.extension, c.realm, password),
            ha1Sha256: e.ha1Sha256 ?? computeHa1('SHA-256', e.extension, c.realm, password),
          },
    ),
    trunks: c.trunks.map(({ inboundPassword, ...t }) =>
      inboundPassword === undefined || !t.inboundUser
        ? t
        : {
            ...t,
            inboundHa1Md5: t.inboundHa1Md5 ?? computeHa1('MD5', t.inboundUser, c.realm, inboundPassword),
            inboundHa1Sha256: t.inboundHa1Sha256 ?? computeHa1('SHA-256', t.inboundUser, c.realm, inboundPassword),
          },
    ),
  };
}
