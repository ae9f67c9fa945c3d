/**
 * `hotline switch` listens for SIP over TLS on HOTLINE_SIP_TLS_PORT with the certificate from
 * HOTLINE_SIP_TLS_CERT / HOTLINE_SIP_TLS_KEY, and with a self-signed one (kept in the data
 * directory) when neither is set.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { connect } from 'node:tls';
import { selfSignedCertificate } from '@hotline/switch';
import { ConfigError, loadConfig } from '../config.ts';
import { createLogger } from '../log.ts';
import { startSwitch } from './switch-process.ts';

// Ports: SIP 16640 (UDP+TCP), TLS 16641, call-control 16642, RTP 17640–17649.
const env = (dir: string, extra: Record<string, string> = {}) => ({
  HOTLINE_DATA_DIR: dir,
  HOTLINE_SIP_PORT: '16640',
  HOTLINE_SIP_TLS_PORT: '16641',
  HOTLINE_SWITCH_CONTROL_PORT: '16642',
  HOTLINE_RTP_PORT_MIN: '17640',
  HOTLINE_RTP_PORT_MAX: '17649',
  HOTLINE_CALL_CONTROL_TOKEN: 'switch-process-test-token',
  ...extra,
});

function peerCommonName(): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const s = connect({ host: '127.0.0.1', port: 16641, rejectUnauthorized: false }, () => {
      const cn = s.getPeerCertificate().subject?.CN;
      s.destroy();
      resolve(Array.isArray(cn) ? cn[0] : cn);
    });
    s.once('error', reject);
  });
}

test('the TLS listener uses the configured certificate, else a self-signed one', { timeout: 60_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'switch-process-'));
  const log = createLogger('test', 'silent');
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  const pair = selfSignedCertificate({ commonName: 'sip.example.test', days: 2 });
  writeFileSync(cert, pair.cert);
  writeFileSync(key, pair.key, { mode: 0o600 });
  const configured = await startSwitch(
    loadConfig(env(join(dir, 'a'), { HOTLINE_SIP_TLS_CERT: cert, HOTLINE_SIP_TLS_KEY: key })),
    log,
  );
  try {
    assert.equal(configured.tlsPort, 16641);
    assert.equal(await peerCommonName(), 'sip.example.test');
  } finally {
    await configured.close();
  }
  const demo = await startSwitch(loadConfig(env(join(dir, 'b'))), log);
  try {
    assert.equal(await peerCommonName(), 'hotline.local');
  } finally {
    await demo.close();
  }
  // Half a pair is refused at start-up; an unreadable file is a coded configuration error.
  assert.throws(() => loadConfig(env(dir, { HOTLINE_SIP_TLS_CERT: cert })), ConfigError);
  await assert.rejects(
    startSwitch(
      loadConfig(env(join(dir, 'c'), { HOTLINE_SIP_TLS_CERT: cert, HOTLINE_SIP_TLS_KEY: join(dir, 'nope') })),
      log,
    ),
    (e: Error & { code?: string }) => e.code === 'config_invalid' && /nope/.test(e.message),
  );
});

test('without openssl and without a configured certificate the switch runs without TLS and says why', {
  timeout: 60_000,
}, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'switch-process-'));
  const warnings: string[] = [];
  const log = createLogger('test', 'silent');
  const warn = log.warn.bind(log);
  log.warn = ((obj: unknown, msg?: string) => {
    warnings.push(String(msg ?? obj));
    return warn(obj as object, msg);
  }) as typeof log.warn;
  const path = process.env.PATH;
  process.env.PATH = join(dir, 'empty-path'); // openssl cannot be found
  try {
    const sw = await startSwitch(loadConfig(env(join(dir, 'a'))), log);
    try {
      assert.equal(sw.tlsPort, null);
      assert.ok(
        warnings.some((w) => /TLS disabled/.test(w)),
        warnings.join('\n'),
      );
    } finally {
      await sw.close();
    }
  } finally {
    process.env.PATH = path;
  }
});
