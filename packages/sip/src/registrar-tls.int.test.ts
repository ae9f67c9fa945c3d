/**
 * REGISTER over TLS with digest, from a real peer (baresip 1.0; Debian's sipp is built without TLS),
 * to the registrar server's TLS listener with its self-signed certificate: the right password
 * binds with the TLS flow as its source, a wrong one leaves no binding and counts as a failure.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { startRegistrarServer } from './registrar-server.ts';
import { hasTool, startBaresip } from './testing/peers.ts';

// Ports: baresip 16680–16687 (SIP, TLS on +1, control +2/+3; RTP range +100…+120 stays unused); registrar ephemeral.
const HOST = '127.0.0.1';

const until = async (cond: () => boolean, ms: number, what: string) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) assert.fail(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

test('baresip registers over TLS with digest; a wrong password over TLS binds nothing', {
  timeout: 60_000,
}, async (t) => {
  if (!hasTool('baresip') || !hasTool('openssl')) return t.skip('baresip or openssl not installed');
  const s = await startRegistrarServer({
    udpPort: null,
    tcpPort: null,
    tlsPort: 0,
    tls: 'self-signed',
    certDir: mkdtempSync(join(tmpdir(), 'registrar-tls-')),
    realm: 'hotline',
    credentials: { '1002': 'pw-1002', '1003': 'pw-1003' },
    guard: { maxFailuresPerIp: 100 },
  });
  const failures: string[] = [];
  s.registrar.authFailed.on((f) => failures.push(`${f.user}:${f.source.protocol}`));
  const good = startBaresip({
    sipPort: 16680,
    ctrlPort: 16682,
    account: `<sip:1002@${HOST}:${s.ports.tls};transport=tls>;auth_pass=pw-1002;regint=60`,
  });
  try {
    await until(() => s.registrar.lookup('1002').length === 1, 15_000, 'baresip binding over TLS');
    const b = s.registrar.lookup('1002')[0];
    assert.equal(b?.source.protocol, 'tls');
    assert.match(b?.contact ?? '', /;transport=tls/);
    assert.match(b?.userAgent ?? '', /baresip/i);
    await good.stop();
    const bad = startBaresip({
      sipPort: 16684,
      ctrlPort: 16686,
      account: `<sip:1003@${HOST}:${s.ports.tls};transport=tls>;auth_pass=wrong;regint=60`,
    });
    try {
      await until(() => failures.includes('1003:tls'), 15_000, 'the wrong password refused over TLS');
      assert.equal(s.registrar.lookup('1003').length, 0);
    } finally {
      await bad.stop();
    }
  } finally {
    await good.stop();
    await s.close();
  }
});
