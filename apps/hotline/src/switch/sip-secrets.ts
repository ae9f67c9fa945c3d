import { createHash } from 'node:crypto';
import { SIP_REALM } from '@hotline/contracts';

/**
 * Digest HA1 values of a SIP user (RFC 7616 §3.4.2: H(user ":" realm ":" password)), in the
 * columns of migration 0301. Writers may instead put the clear password into the write-only
 * `password` / `inbound_password` column, where a trigger computes the same values for the realm
 * `hotline` and stores NULL (docs/decisions/0305).
 */
export function extensionHa1(extension: string, password: string, realm = SIP_REALM) {
  return { ha1_md5: ha1('md5', extension, realm, password), ha1_sha256: ha1('sha256', extension, realm, password) };
}

export function trunkInboundHa1(inboundUser: string, password: string, realm = SIP_REALM) {
  return {
    inbound_ha1_md5: ha1('md5', inboundUser, realm, password),
    inbound_ha1_sha256: ha1('sha256', inboundUser, realm, password),
  };
}

function ha1(alg: 'md5' | 'sha256', user: string, realm: string, password: string): string {
  return createHash(alg).update(`${user}:${realm}:${password}`, 'utf8').digest('hex');
}
