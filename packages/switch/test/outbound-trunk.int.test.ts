/**
 * Toll-fraud rules and the outbound trunk with real peers: authenticated extensions (sipp, digest)
 * dial numbers above their permission class and are refused 403 with an alert — one refusal per
 * class; an international extension, over TCP, calls abroad through the carrier trunk, whose sipp
 * UAS challenges the switch (401) — the switch answers with the trunk's digest credentials
 * (DigestClient), presents the trunk's caller ID and sends the number in the carrier's format.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { connectControl, hasTool, startTestSwitch } from './harness.ts';
import { sipp, ulawTone } from './peers/sipp.ts';

// Ports: switch SIP 16180 (UDP + TCP), RTP 17180–17199; sipp 16190–16192, sipp RTP 16184–16187 and 16194–16197.
const SIP = 16180;
const REMOTE = `127.0.0.1:${SIP}`;
const EXTENSIONS = () => [
  ext('1001', 'internal'),
  ext('1002', 'local'),
  ext('1003', 'national'),
  ext('1004', 'international'),
];
const ext = (extension: string, permission: 'internal' | 'local' | 'national' | 'international') => ({
  extension,
  password: `pw-${extension}-secret`,
  permission,
});

test('permission classes refuse per class; an international extension (TCP) calls out through a challenging trunk', {
  timeout: 60_000,
}, async (t) => {
  if (!hasTool('sipp') || !hasTool('sox')) return t.skip('sipp or sox not installed');
  const rt = await startTestSwitch({
    sipPort: SIP,
    rtp: [17180, 17200],
    tcp: true,
    config: {
      extensions: EXTENSIONS(),
      trunks: [
        {
          id: 'carrier',
          host: '127.0.0.1',
          port: 16190,
          allowFrom: ['127.0.0.1:16190'],
          username: 'hotline-out',
          password: 'carrier-pw',
          callerId: '057112319',
          areaCode: '571',
        },
      ],
      outbound: [{ pattern: '.', trunkId: 'carrier' }],
    },
  });
  const control = await connectControl(rt);
  try {
    // Pushed by control (with clear passwords, protocol revision 1 style): cached as HA1 only (decision 0305).
    const pushed = await control.command({
      type: 'switch.configure',
      config: { ...rt.sw.config, extensions: EXTENSIONS(), version: 2 },
    });
    assert.equal(pushed.ok, true);
    const cached = readFileSync(join(rt.dir, 'switch', 'config.json'), 'utf8');
    assert.doesNotMatch(cached, /pw-100[1-4]-secret/);
    assert.match(cached, /"ha1Sha256"/);

    // One refusal per class: internal → local, local → national, national → international.
    const refusals: [string, string][] = [
      ['1001', '88001234'],
      ['1002', '01088001234'],
      ['1003', '0085223456789'],
    ];
    for (const [from, to] of refusals) {
      const r = sipp({
        scenario: 'uac-digest-expect.xml',
        remote: REMOTE,
        localPort: 16191,
        timeoutS: 10,
        subst: { STATUS: '403' },
        args: ['-s', to, '-key', 'caller', from, '-au', from, '-ap', `pw-${from}-secret`, '-m', '1'],
      });
      assert.equal(await r.done, 0, `${from} → ${to} was not refused with 403, see ${r.dir}`);
      const alert = await control.waitEvent('alert', (e) => e.kind === 'permission_denied' && e.detail.includes(to));
      assert.match(alert.detail, new RegExp(`^${from} `));
    }
    // A wrong password is refused as well (and no call leaves).
    const bad = sipp({
      scenario: 'uac-digest-expect.xml',
      remote: REMOTE,
      localPort: 16191,
      timeoutS: 10,
      subst: { STATUS: '403' },
      args: ['-s', '0085223456789', '-key', 'caller', '1004', '-au', '1004', '-ap', 'wrong', '-m', '1'],
    });
    assert.equal(await bad.done, 0, `a wrong password was not refused, see ${bad.dir}`);

    // The carrier: challenges with 401, checks the switch's digest, answers, echoes RTP.
    const carrier = sipp({
      scenario: 'uas-challenge-echo.xml',
      remote: REMOTE,
      localPort: 16190,
      timeoutS: 30,
      args: [
        ...['-key', 'user', 'hotline-out', '-key', 'pass', 'carrier-pw', '-key', 'pt', '0', '-key', 'codec', 'PCMU'],
        ...['-m', '1', '-rtp_echo', '-mp', '16184', '-mi', '127.0.0.1', '-trace_msg'],
      ],
    });
    // The extension over TCP (sipp -t t1): INVITE with digest → 200 → 1.5 s of audio → BYE.
    const caller = sipp({
      scenario: 'uac-digest-call.xml',
      remote: REMOTE,
      localPort: 16192,
      timeoutS: 30,
      subst: { AUDIO: ulawTone(440, 3), HOLD_MS: '1500' },
      args: [
        ...['-t', 't1', '-s', '+85223456789', '-key', 'caller', '1004', '-au', '1004', '-ap', 'pw-1004-secret'],
        ...['-m', '1', '-mp', '16194', '-mi', '127.0.0.1'],
      ],
    });
    assert.equal(await caller.done, 0, `the TCP extension's call failed, see ${caller.dir}`);
    assert.equal(await carrier.done, 0, `the carrier refused or failed, see ${carrier.dir}`);
    const log = readdirSync(carrier.dir).find((f) => f.endsWith('_messages.log'));
    assert.ok(log, 'sipp message trace');
    const invites = readFileSync(join(carrier.dir, log), 'utf8')
      .split(/\n(?=INVITE )/)
      .filter((m) => m.startsWith('INVITE '));
    assert.equal(invites.length, 2, 'challenged once, then authorised');
    const second = invites[1] as string;
    assert.match(second, /^INVITE sip:0085223456789@127\.0\.0\.1:16190 SIP\/2\.0/, 'number in carrier format');
    assert.match(second, /^From: <sip:057112319@/m, "the trunk's caller ID is presented");
    assert.match(second, /^Authorization: Digest username="hotline-out", realm="callcenter.test"/m);

    const out = await control.waitEvent('leg.hungup', (e) => e.cdr.trunkId === 'carrier');
    assert.equal(out.cdr.callee, '0085223456789');
    assert.ok(out.cdr.answeredAt, 'the outbound leg was answered');
    const inbound = await control.waitEvent('leg.hungup', (e) => e.cdr.extension === '1004' && e.cdr.trunkId === null);
    assert.equal(inbound.cdr.caller, '1004');
  } finally {
    await rt.close();
  }
});
