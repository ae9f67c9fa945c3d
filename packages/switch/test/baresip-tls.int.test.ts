/**
 * SIP over TLS with a real peer: two baresip phones register over TLS (digest) to the switch's
 * TLS listener (the self-signed certificate the runtime makes under its data directory) and call
 * each other; each hears the other's tone. baresip's SIP trace proves that every message of both
 * phones went over TLS — including ACK and BYE, which follow our Contact (`;transport=tls`).
 * Before that, hostile clients on the TLS port (clear-text SIP, garbage after a handshake, a
 * handshake cut off) neither crash nor wedge the listener.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { connect as tlsConnect } from 'node:tls';
import { type StreamTransport, selfSignedCertificate } from '@hotline/sip';
import { connectControl, DEMO_EXTENSIONS, hasTool, sleep, startTestSwitch } from './harness.ts';
import { toneLevel, wavChannels } from './peers/audio.ts';
import { Baresip } from './peers/baresip.ts';

// Ports: switch SIP 16600 (UDP), TLS 16605, RTP 17600–17649; baresip 16610–16639 (TLS on sip+1).
const SIP = 16600;
const TLS = 16605;

/** baresip's TLS listener needs a certificate and key in one PEM file (`sip_certificate`). */
function phoneCertificate(dir: string): string {
  const { cert, key } = selfSignedCertificate({ commonName: 'phone.test', days: 2 });
  const pem = join(dir, 'phone.pem');
  writeFileSync(pem, cert + key);
  return pem;
}

/** Transport lines of a baresip `-s` trace: `TLS 127.0.0.1:a -> 127.0.0.1:b` followed by the first line. */
function tracedMessages(file: string): { transport: string; line: string }[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const out: { transport: string; line: string }[] = [];
  lines.forEach((l, i) => {
    const m = /^(UDP|TCP|TLS) \S+ -> \S+/.exec(l);
    if (m) out.push({ transport: m[1] as string, line: lines[i + 1] ?? '' });
  });
  return out;
}

const closed = (s: { once(e: 'close', f: () => void): unknown }, ms: number) =>
  new Promise<boolean>((resolve) => {
    const t = setTimeout(() => resolve(false), ms);
    s.once('close', () => {
      clearTimeout(t);
      resolve(true);
    });
  });

test('hostile clients on the TLS port are dropped; the listener keeps serving', { timeout: 30_000 }, async () => {
  const rt = await startTestSwitch({ sipPort: SIP, tlsPort: TLS, rtp: [17600, 17649], config: {} });
  const tls = rt.sw.endpoint.transports.find((t) => t.protocol === 'tls') as StreamTransport;
  try {
    const register =
      'REGISTER sip:127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1:1;branch=z9hG4bK1\r\nFrom: <sip:1001@127.0.0.1>;tag=1\r\n' +
      'To: <sip:1001@127.0.0.1>\r\nCall-ID: x\r\nCSeq: 1 REGISTER\r\nContent-Length: 0\r\n\r\n';
    // Clear-text SIP on the TLS port: the handshake fails and the server closes the connection.
    const plain = tcpConnect(TLS, '127.0.0.1');
    plain.on('error', () => undefined);
    plain.write(register);
    assert.ok(await closed(plain, 5_000), 'the clear-text connection was closed');
    // A TLS client that sends bytes that are not SIP (a header without a colon, then binary).
    const junk = tlsConnect({ host: '127.0.0.1', port: TLS, rejectUnauthorized: false });
    junk.on('error', () => undefined);
    await new Promise((r) => junk.once('secureConnect', r));
    junk.write(Buffer.concat([Buffer.from('GARBAGE\r\nno colon here\r\n\r\n'), Buffer.from([0, 255, 1, 254])]));
    assert.ok(await closed(junk, 5_000), 'the garbage connection was closed');
    // A client that starts a handshake and vanishes, and one that connects and says nothing.
    const cut = tcpConnect(TLS, '127.0.0.1');
    cut.on('error', () => undefined);
    cut.write(Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00, 0x01]));
    cut.destroy();
    const silent = tcpConnect(TLS, '127.0.0.1');
    silent.on('error', () => undefined);
    // The listener still answers a well-formed request over TLS (Node's TLS client speaking raw SIP).
    const ok = tlsConnect({ host: '127.0.0.1', port: TLS, rejectUnauthorized: false });
    ok.on('error', () => undefined);
    await new Promise((r) => ok.once('secureConnect', r));
    ok.write(register.replace('SIP/2.0/TCP', 'SIP/2.0/TLS'));
    const answer = await new Promise<string>((resolve) => ok.once('data', (d: Buffer) => resolve(d.toString())));
    assert.match(answer, /^SIP\/2\.0 401 /, 'an unauthenticated REGISTER over TLS is challenged');
    assert.equal(ok.getPeerCertificate().subject?.CN, 'hotline.local', 'the self-signed demo certificate');
    ok.destroy();
    silent.destroy();
    for (let i = 0; i < 50 && tls.connectionCount > 0; i++) await sleep(100);
    assert.equal(tls.connectionCount, 0, 'no connection left behind');
  } finally {
    await rt.close();
  }
});

test('two baresip phones over TLS: digest REGISTER, a call with tones both ways, no clear-text SIP', {
  timeout: 60_000,
}, async (t) => {
  if (!hasTool('baresip') || !hasTool('sox') || !hasTool('openssl')) return t.skip('baresip, sox or openssl missing');
  const rt = await startTestSwitch({
    sipPort: SIP,
    tlsPort: TLS,
    rtp: [17650, 17699],
    config: { extensions: DEMO_EXTENSIONS },
  });
  const control = await connectControl(rt);
  const dir = mkdtempSync(join(tmpdir(), 'baresip-tls-'));
  const certificate = phoneCertificate(dir);
  const phone = (name: string, ext: string, port: number, tone: number) =>
    Baresip.start({
      name,
      sipPort: port,
      ctrlPort: port + 2,
      rtpPorts: `${port + 10}-${port + 19}`,
      tone,
      certificate,
      traceFile: join(dir, `${name}.trace`),
      account: `<sip:${ext}@127.0.0.1:${TLS};transport=tls>;auth_pass=sip-${ext}-demo;regint=600;answermode=auto;audio_codecs=pcma,pcmu`,
    });
  const a = await phone('a1001', '1001', 16610, 440);
  const b = await phone('b1002', '1002', 16620, 1000);
  try {
    await a.waitRegistered();
    await b.waitRegistered();
    for (const ext of ['1001', '1002']) {
      const [binding] = rt.sw.registrar.lookup(ext);
      assert.equal(binding?.source.protocol, 'tls', `${ext} registered over TLS`);
      assert.match(binding?.contact ?? '', /;transport=tls/);
    }
    await a.command('dial', `sip:1002@127.0.0.1:${TLS}`);
    await a.waitEvent('CALL_ESTABLISHED');
    await b.waitEvent('CALL_ESTABLISHED');
    await control.waitEvent('bridge.created');
    await sleep(3000);
    await a.command('hangup');
    const hungA = await control.waitEvent('leg.hungup', (e) => e.cdr.extension === '1001');
    assert.equal(hungA.cause.by, 'remote', 'A hung up with a BYE that reached the switch');
    await control.waitEvent('leg.hungup', (e) => e.cdr.extension === '1002');
    await sleep(300);
    const heardByA = wavChannels(a.receivedWavs().at(-1) as string, 0.5).channels[0] as Int16Array;
    const heardByB = wavChannels(b.receivedWavs().at(-1) as string, 0.5).channels[0] as Int16Array;
    assert.ok(toneLevel(heardByA, 1000) > 5 * toneLevel(heardByA, 440), 'A hears 1000 Hz');
    assert.ok(toneLevel(heardByB, 440) > 5 * toneLevel(heardByB, 1000), 'B hears 440 Hz');
    assert.ok(toneLevel(heardByA, 1000) > 1000 && toneLevel(heardByB, 440) > 1000, 'audible levels');
    // Every SIP message either phone sent or received, including ACK and BYE, was on TLS.
    for (const name of ['a1001', 'b1002']) {
      const msgs = tracedMessages(join(dir, `${name}.trace`));
      const firstLines = msgs.map((m) => m.line.split(' ')[0]);
      for (const method of ['REGISTER', 'INVITE', 'ACK', 'BYE'])
        assert.ok(firstLines.includes(method), `${name} trace has ${method}`);
      const clear = msgs.filter((m) => m.transport !== 'TLS');
      assert.deepEqual(clear, [], `${name} sent or received SIP outside TLS`);
    }
  } finally {
    a.stop();
    b.stop();
    await rt.close();
  }
});
