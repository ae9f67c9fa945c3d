import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseRtcp, serializeRtcpReport } from './rtcp-packet.ts';
import { looksLikeRtcp, parseRtp, serializeRtp, writeRtpFixedHeader, writeRtpHeader } from './rtp-packet.ts';

test('RTP round trip keeps every header field and the payload', () => {
  const payload = new Uint8Array([1, 2, 3, 4, 5]);
  const buf = serializeRtp({
    payloadType: 8,
    marker: true,
    sequenceNumber: 65535,
    timestamp: 0xfffffff0,
    ssrc: 0xdeadbeef,
    payload,
    csrcs: [7],
  });
  const r = parseRtp(buf);
  assert.ok(r.ok);
  assert.equal(r.value.payloadType, 8);
  assert.equal(r.value.marker, true);
  assert.equal(r.value.sequenceNumber, 65535);
  assert.equal(r.value.timestamp, 0xfffffff0);
  assert.equal(r.value.ssrc, 0xdeadbeef);
  assert.deepEqual(r.value.csrcs, [7]);
  assert.deepEqual([...r.value.payload], [1, 2, 3, 4, 5]);
  assert.equal(looksLikeRtcp(buf), false);
});

test('RTP with extension and padding exposes only the payload', () => {
  const b = new Uint8Array([0xb0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0xbe, 0xde, 0, 1, 9, 9, 9, 9, 42, 43, 0, 0, 3]);
  const r = parseRtp(b);
  assert.ok(r.ok);
  assert.deepEqual([...r.value.payload], [42, 43]);
});

test('malformed RTP is an error value, never a throw', () => {
  const cases: [number[], RegExp][] = [
    [[0x80, 0, 0], /shorter/],
    [[0x40, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], /version/],
    [[0x8f, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], /CSRC/],
    [[0x90, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], /extension header/],
    [[0x90, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9], /extension runs/],
    [[0xa0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 40], /padding/],
  ];
  for (const [bytes, re] of cases) {
    const r = parseRtp(new Uint8Array(bytes));
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(r.error, re);
  }
  // Fuzz: random bytes never throw.
  for (let i = 0; i < 2000; i++) {
    const b = new Uint8Array(Math.floor(Math.random() * 40));
    for (let j = 0; j < b.length; j++) b[j] = Math.floor(Math.random() * 256);
    parseRtp(b);
    parseRtcp(b);
  }
});

test('RTCP SR and RR round trip with SDES, negative cumulative loss kept', () => {
  const block = {
    ssrc: 5,
    fractionLost: 25,
    cumulativeLost: -3,
    extendedHighestSeq: 70000,
    jitter: 123,
    lastSr: 0x11112222,
    delaySinceLastSr: 65536,
  };
  const sr = serializeRtcpReport(
    {
      type: 'sr',
      ssrc: 9,
      sender: { ntpMsw: 1, ntpLsw: 2, rtpTimestamp: 3, packetCount: 4, octetCount: 5 },
      reports: [block],
    },
    'hotline@127.0.0.1',
  );
  assert.equal(sr.length % 4, 0);
  assert.ok(looksLikeRtcp(sr));
  const r = parseRtcp(sr);
  assert.ok(r.ok);
  assert.equal(r.value.length, 2);
  const first = r.value[0]!;
  assert.equal(first.type, 'sr');
  if (first.type === 'sr') {
    assert.deepEqual(first.sender, { ntpMsw: 1, ntpLsw: 2, rtpTimestamp: 3, packetCount: 4, octetCount: 5 });
    assert.deepEqual(first.reports[0], block);
  }
  const rr = parseRtcp(serializeRtcpReport({ type: 'rr', ssrc: 9, reports: [] }, 'x'));
  assert.ok(rr.ok && rr.value[0]!.type === 'rr');
  const truncated = parseRtcp(sr.subarray(0, sr.length - 4));
  assert.equal(truncated.ok, false);
});

test('fixed header writer equals the general one', () => {
  const a = new Uint8Array(12);
  const b = new Uint8Array(12);
  writeRtpHeader(a, { payloadType: 8, marker: true, sequenceNumber: 65535, timestamp: 0xfffffff0, ssrc: 0x89abcdef });
  writeRtpFixedHeader(b, true, 8, 65535, 0xfffffff0, 0x89abcdef);
  assert.deepEqual(a, b);
});
