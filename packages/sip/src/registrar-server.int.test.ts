import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DigestClient } from './auth/digest-client.ts';
import type { Ban } from './defence/guard.ts';
import { type RegistrarServer, startRegistrarServer } from './registrar-server.ts';
import { hasTool, runSipp, startBaresip, startLinphonec } from './testing/peers.ts';

const HOST = '127.0.0.1';
const USERS = { '1001': 'secret', '1002': 'pw-1002', '1003': 'pw-1003' };

async function withServer(
  opts: Partial<Parameters<typeof startRegistrarServer>[0]>,
  fn: (s: RegistrarServer) => Promise<void>,
): Promise<void> {
  const s = await startRegistrarServer({
    udpPort: 0,
    tcpPort: 0,
    realm: 'hotline',
    credentials: USERS,
    minExpires: 1,
    ...opts,
  });
  try {
    await fn(s);
  } finally {
    await s.close();
  }
}

const until = async (cond: () => boolean, ms: number, what: string) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) assert.fail(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

test('sipp: correct password registers (UDP and TCP), wrong password gets 401 again', async (t) => {
  if (!hasTool('sipp')) return t.skip('sipp not installed');
  await withServer({}, async (s) => {
    const udp = await runSipp({
      scenario: 'uac-register.xml',
      server: { host: HOST, port: s.ports.udp! },
      localPort: 15001,
      service: '1001',
      authUser: '1001',
      authPass: 'secret',
      keys: { contact_port: '15070', expires: '300' },
    });
    assert.equal(udp.code, 0, udp.output.slice(-800));
    assert.equal(s.registrar.lookup('1001')[0]?.contact, 'sip:1001@127.0.0.1:15070;transport=UDP');
    const tcp = await runSipp({
      scenario: 'uac-register.xml',
      server: { host: HOST, port: s.ports.tcp! },
      transport: 'tcp',
      localPort: 15002,
      service: '1002',
      authUser: '1002',
      authPass: 'pw-1002',
      keys: { contact_port: '15071', expires: '300' },
    });
    assert.equal(tcp.code, 0, tcp.output.slice(-800));
    assert.equal(s.registrar.lookup('1002')[0]?.source.protocol, 'tcp');
    const wrong = await runSipp({
      scenario: 'uac-register-wrong.xml',
      server: { host: HOST, port: s.ports.udp! },
      localPort: 15003,
      service: '1003',
      authUser: '1003',
      authPass: 'not-the-password',
      keys: { contact_port: '15072', expires: '300' },
    });
    assert.equal(wrong.code, 0, wrong.output.slice(-800));
    assert.equal(s.registrar.lookup('1003').length, 0);
  });
});

test('sipp: a replayed Authorization (same nonce and nc) is refused', async (t) => {
  if (!hasTool('sipp')) return t.skip('sipp not installed');
  await withServer({}, async (s) => {
    const uri = `sip:${HOST}:${s.ports.udp}`;
    const auth = new DigestClient({ username: '1001', password: 'secret' }).authorize(
      s.digest.challenges(),
      'REGISTER',
      uri,
    );
    assert.ok(auth);
    const fails: string[] = [];
    s.registrar.authFailed.on((f) => fails.push(f.reason));
    const run = await runSipp({
      scenario: 'uac-register-replay.xml',
      server: { host: HOST, port: s.ports.udp! },
      localPort: 15004,
      service: '1001',
      keys: { contact_port: '15073', expires: '300', authhdr: auth },
    });
    assert.equal(run.code, 0, run.output.slice(-800));
    assert.deepEqual(fails, ['replay']);
  });
});

test('sipp: a binding expires, the phone re-registers, Expires: 0 un-registers', async (t) => {
  if (!hasTool('sipp')) return t.skip('sipp not installed');
  await withServer({}, async (s) => {
    const events: string[] = [];
    s.registrar.registered.on((b) => events.push(`reg ${b.contact}`));
    s.registrar.unregistered.on((_b, why) => events.push(`unreg ${why}`));
    const reg = (expires: string) =>
      runSipp({
        scenario: 'uac-register.xml',
        server: { host: HOST, port: s.ports.udp! },
        localPort: 15005,
        service: '1001',
        authUser: '1001',
        authPass: 'secret',
        keys: { contact_port: '15074', expires },
      });
    assert.equal((await reg('2')).code, 0);
    assert.equal(s.registrar.lookup('1001').length, 1);
    await until(() => events.includes('unreg expired'), 5000, 'expiry');
    assert.equal(s.registrar.lookup('1001').length, 0);
    assert.equal((await reg('300')).code, 0);
    assert.equal(s.registrar.lookup('1001').length, 1);
    assert.equal((await reg('0')).code, 0);
    assert.equal(s.registrar.lookup('1001').length, 0);
    assert.deepEqual(events, [
      'reg sip:1001@127.0.0.1:15074;transport=UDP',
      'unreg expired',
      'reg sip:1001@127.0.0.1:15074;transport=UDP',
      'unreg removed',
    ]);
  });
});

test('sipp: repeated failures ban the source (silence), the ban lifts after its time', async (t) => {
  if (!hasTool('sipp')) return t.skip('sipp not installed');
  await withServer({ guard: { maxFailuresPerIp: 3, banMs: 3000 } }, async (s) => {
    const bans: Ban[] = [];
    const lifted: Ban[] = [];
    s.guard!.banned.on((b) => bans.push(b));
    s.guard!.unbanned.on((b) => lifted.push(b));
    const attempt = (pass: string, scenario: string, timeoutS = 5) =>
      runSipp({
        scenario,
        server: { host: HOST, port: s.ports.udp! },
        localPort: 15006,
        service: '1001',
        authUser: '1001',
        authPass: pass,
        keys: { contact_port: '15075', expires: '300' },
        timeoutS,
      });
    for (let i = 0; i < 3; i++) assert.equal((await attempt('bad', 'uac-register-wrong.xml')).code, 0);
    assert.equal(bans.length, 1);
    assert.deepEqual([bans[0]?.kind, bans[0]?.key, bans[0]?.reason], ['ip', '127.0.0.1', 'auth-failures']);
    assert.equal(s.guard!.bans().length, 1);
    // Banned: even the right password gets no answer at all.
    const silent = await attempt('secret', 'uac-register.xml', 2);
    assert.notEqual(silent.code, 0);
    assert.equal(s.registrar.lookup('1001').length, 0);
    await until(() => s.guard!.bans().length === 0, 5000, 'ban lifted');
    assert.equal(lifted.length, 1);
    assert.equal((await attempt('secret', 'uac-register.xml')).code, 0);
    assert.equal(s.registrar.lookup('1001').length, 1);
  });
});

test('baresip registers with digest and is seen as registered; qualify finds it reachable', async (t) => {
  if (!hasTool('baresip')) return t.skip('baresip not installed');
  await withServer({ qualifyIntervalMs: 500 }, async (s) => {
    const peer = startBaresip({
      sipPort: 15100,
      ctrlPort: 15102,
      account: `<sip:1002@${HOST}:${s.ports.udp}>;auth_pass=pw-1002;regint=60;answermode=auto`,
    });
    try {
      const reachable: number[] = [];
      s.qualifier!.result.on((r) => {
        if (r.aor.includes('1002') && r.reachable && r.rttMs !== null) reachable.push(r.rttMs);
      });
      await until(() => s.registrar.lookup('1002').length === 1, 10_000, 'baresip binding');
      const b = s.registrar.lookup('1002')[0]!;
      assert.match(b.userAgent ?? '', /baresip/i);
      assert.match(b.contact, /^sip:1002[^@]*@127\.0\.0\.1:15100/);
      await peer.waitFor(/200 OK/, 5000);
      await until(() => reachable.length > 0, 5000, 'qualify');
    } finally {
      await peer.stop();
    }
  });
});

test('linphonec registers with digest and reports itself registered', async (t) => {
  if (!hasTool('linphonec')) return t.skip('linphonec not installed');
  await withServer({}, async (s) => {
    const peer = startLinphonec({ name: '1003', sipPort: 15200, rtpPort: 15210 });
    try {
      await new Promise((r) => setTimeout(r, 1000));
      peer.send(`register sip:1003@${HOST} sip:${HOST}:${s.ports.udp} pw-1003`);
      await until(() => s.registrar.lookup('1003').length === 1, 15_000, 'linphone binding');
      assert.match(s.registrar.lookup('1003')[0]?.userAgent ?? '', /linphone/i);
      // The binding exists before linphonec has handled our 200 OK; under load it may still answer
      // "registration in progress", so ask again until it reports itself registered.
      const registered = /^registered, identity=sip:1003@127\.0\.0\.1/m;
      const deadline = Date.now() + 15_000;
      for (;;) {
        peer.send('status register');
        const seen = await peer.waitFor(registered, 1000).then(
          () => true,
          () => false,
        );
        if (seen) break;
        assert.ok(Date.now() < deadline, `linphonec never reported itself registered:\n${peer.output().slice(-800)}`);
      }
    } finally {
      peer.send('quit');
      await peer.stop();
    }
  });
});
