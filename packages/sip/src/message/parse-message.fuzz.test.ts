import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseMessage } from './parse-message.ts';
import { loadRfc4475 } from './rfc4475-fixture.ts';
import { serialize } from './serialize.ts';
import { isParseError } from './sip-message.ts';

const seeds = readdirSync(join(import.meta.dirname, '..', '__fixtures__', 'rfc4475')).map((f) =>
  loadRfc4475(f.replace(/\.sip$/, '')),
);
const INTERESTING = [...'\r\n:;,<>"\\ \t@%=?[]/0123456789'].map((c) => c.charCodeAt(0));

type Mutation =
  | { op: 'flip'; at: number; byte: number }
  | { op: 'insert'; at: number; bytes: number[] }
  | { op: 'delete'; at: number; len: number }
  | { op: 'truncate'; at: number }
  | { op: 'dup'; at: number; len: number; to: number };

const byteArb = fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(...INTERESTING));
const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('flip' as const), at: fc.nat(), byte: byteArb }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), bytes: fc.array(byteArb, { maxLength: 8 }) }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 16 }) }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('dup' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 64 }), to: fc.nat() }),
);

function mutate(seed: Buffer, ms: Mutation[]): Buffer {
  let b = Buffer.from(seed);
  for (const m of ms) {
    const at = b.length === 0 ? 0 : m.at % b.length;
    if (m.op === 'flip' && b.length > 0) b[at] = m.byte;
    else if (m.op === 'insert') b = Buffer.concat([b.subarray(0, at), Buffer.from(m.bytes), b.subarray(at)]);
    else if (m.op === 'delete') b = Buffer.concat([b.subarray(0, at), b.subarray(at + m.len)]);
    else if (m.op === 'truncate') b = b.subarray(0, at);
    else if (m.op === 'dup') {
      const to = b.length === 0 ? 0 : m.to % b.length;
      b = Buffer.concat([b.subarray(0, to), b.subarray(at, at + m.len), b.subarray(to)]);
    }
  }
  return b;
}

test('100,000 mutated RFC 4475 messages never throw; accepted ones round-trip', () => {
  let accepted = 0;
  fc.assert(
    fc.property(fc.nat({ max: seeds.length - 1 }), fc.array(mutationArb, { minLength: 1, maxLength: 6 }), (i, ms) => {
      const input = mutate(seeds[i] as Buffer, ms);
      const m = parseMessage(input);
      if (isParseError(m)) {
        // The parser's own safety net must never be what caught the input.
        assert.doesNotMatch(m.reason, /internal parser error/);
        return;
      }
      accepted++;
      // What we accept we can write back, and the written form parses to the same message.
      const again = parseMessage(serialize(m));
      if (isParseError(again)) assert.fail(`re-parse failed: ${again.reason}`);
      assert.equal(again.kind, m.kind);
      assert.deepEqual(Buffer.from(again.body), Buffer.from(m.body));
    }),
    { numRuns: 100_000, seed: 4475 },
  );
  assert.ok(accepted > 1000, `only ${accepted} mutants were accepted; the mutator is too destructive to be useful`);
});

test('random bytes and random strings never throw', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
      const m = parseMessage(bytes);
      if (isParseError(m)) assert.doesNotMatch(m.reason, /internal parser error/);
    }),
    { numRuns: 10_000, seed: 1 },
  );
  fc.assert(
    fc.property(fc.string({ maxLength: 300 }), (s) => {
      const m = parseMessage(`INVITE sip:a@b SIP/2.0\r\n${s}\r\n\r\n`);
      if (isParseError(m)) assert.doesNotMatch(m.reason, /internal parser error/);
    }),
    { numRuns: 10_000, seed: 2 },
  );
});
