import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { readPcapUdp } from './pcap-reader.ts';
import { parseRtp } from './rtp-packet.ts';
import {
  type DigitEvent,
  encodeTelephoneEvent,
  parseTelephoneEvent,
  planTelephoneEvent,
  TelephoneEventReceiver,
} from './telephone-event.ts';

const fixtures = join(import.meta.dirname, '__fixtures__');

function digitsFromPcap(file: string): { digits: DigitEvent[]; started: string[] } {
  const cap = readPcapUdp(readFileSync(join(fixtures, file)));
  assert.ok(cap.ok, file);
  const rx = new TelephoneEventReceiver();
  const digits: DigitEvent[] = [];
  const started: string[] = [];
  for (const d of cap.value) {
    const p = parseRtp(d.payload);
    if (!p.ok || p.value.payloadType !== 101) continue;
    const r = rx.receive(p.value.ssrc, p.value.timestamp, p.value.payload, d.timeMs);
    if (r.started) started.push(r.started);
    digits.push(...r.ended);
  }
  digits.push(...rx.poll(Number.MAX_SAFE_INTEGER));
  return { digits, started };
}

test("sipp's dtmf_2833 captures decode to one digit each, reported once despite 3 end packets", () => {
  for (const [file, digit] of [
    ['dtmf_2833_1.pcap', '1'],
    ['dtmf_2833_0.pcap', '0'],
    ['dtmf_2833_star.pcap', '*'],
    ['dtmf_2833_pound.pcap', '#'],
  ] as const) {
    const { digits, started } = digitsFromPcap(file);
    assert.deepEqual(
      digits.map((d) => d.digit),
      [digit],
      file,
    );
    assert.deepEqual(started, [digit]);
    assert.equal(digits[0]!.durationMs, 280, 'final duration 2240 samples at 8 kHz');
    assert.equal(digits[0]!.source, 'rfc4733');
  }
});

test('encode/parse round trip and short payload is an error value', () => {
  const e = { event: 11, end: true, volume: 10, duration: 1280 };
  assert.deepEqual(parseTelephoneEvent(encodeTelephoneEvent(e)), { ok: true, value: e });
  assert.equal(parseTelephoneEvent(new Uint8Array(3)).ok, false);
});

test('planned packets: marker first, growing duration, end sent three times, receiver reports once', () => {
  const plan = planTelephoneEvent(5, 100);
  assert.equal(plan[0]!.marker, true);
  assert.ok(plan.slice(1).every((p) => !p.marker));
  const parsed = plan.map((p) => parseTelephoneEvent(p.payload)).map((r) => (r.ok ? r.value : undefined)!);
  assert.deepEqual(
    parsed.map((p) => p.duration),
    [160, 320, 480, 640, 800, 800, 800],
  );
  assert.deepEqual(
    parsed.map((p) => p.end),
    [false, false, false, false, true, true, true],
  );
  const rx = new TelephoneEventReceiver();
  const out: DigitEvent[] = [];
  plan.forEach((p, i) => {
    out.push(...rx.receive(1, 8000, p.payload, i * 20).ended);
  });
  assert.deepEqual(out, [{ digit: '5', durationMs: 100, source: 'rfc4733' }]);
});

test('lost end packets: the digit is reported on timeout or when the next event starts; repeated digits kept', () => {
  const rx = new TelephoneEventReceiver();
  const start = planTelephoneEvent(1, 100).slice(0, 2);
  assert.deepEqual(rx.receive(1, 100, start[0]!.payload, 0).started, '1');
  rx.receive(1, 100, start[1]!.payload, 20);
  assert.deepEqual(rx.poll(100), []);
  assert.deepEqual(
    rx.poll(300).map((d) => d.digit),
    ['1'],
  );
  // Same digit again with a new timestamp: a new event ("11" is two digits).
  rx.receive(1, 2000, start[0]!.payload, 1000);
  const next = rx.receive(1, 4000, planTelephoneEvent(2, 60)[0]!.payload, 1200);
  assert.deepEqual(
    next.ended.map((d) => d.digit),
    ['1'],
  );
  assert.equal(next.started, '2');
});
