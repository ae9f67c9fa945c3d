import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ErrorCode, HotlineError } from '@hotline/core';

export interface CertificatePair {
  cert: string;
  key: string;
}

/**
 * A self-signed certificate for the demo's TLS listener, made by `openssl` (present on Debian
 * and in the CI image). Cached in `dir` when given, so a restart keeps the same certificate.
 * Without openssl it fails with a coded error that says to configure a certificate instead.
 */
export function selfSignedCertificate(
  opts: { commonName?: string; dir?: string; days?: number } = {},
): CertificatePair {
  const cn = opts.commonName ?? 'hotline.local';
  if (opts.dir) {
    const c = join(opts.dir, 'sip-tls-cert.pem');
    const k = join(opts.dir, 'sip-tls-key.pem');
    if (existsSync(c) && existsSync(k)) return { cert: readFileSync(c, 'utf8'), key: readFileSync(k, 'utf8') };
  }
  const work = mkdtempSync(join(tmpdir(), 'hotline-cert-'));
  try {
    const keyPath = join(work, 'key.pem');
    const certPath = join(work, 'cert.pem');
    const r = spawnSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        keyPath,
        '-out',
        certPath,
        '-days',
        String(opts.days ?? 3650),
        '-subj',
        `/CN=${cn}`,
        '-addext',
        `subjectAltName=DNS:${cn},IP:127.0.0.1`,
      ],
      { stdio: 'pipe', timeout: 20_000 },
    );
    if (r.error || r.status !== 0) {
      throw new HotlineError(
        ErrorCode.ConfigInvalid,
        'cannot generate a self-signed TLS certificate (openssl missing or failed); configure sip.tls.cert and sip.tls.key',
        { stderr: r.stderr?.toString() },
      );
    }
    const pair = { cert: readFileSync(certPath, 'utf8'), key: readFileSync(keyPath, 'utf8') };
    if (opts.dir) {
      mkdirSync(opts.dir, { recursive: true });
      writeFileSync(join(opts.dir, 'sip-tls-cert.pem'), pair.cert);
      writeFileSync(join(opts.dir, 'sip-tls-key.pem'), pair.key, { mode: 0o600 });
    }
    return pair;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
