import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { CallControlEvent } from '@hotline/contracts';
import { COMPACT_AFTER_ACKED, EventJournal } from './event-journal.ts';

const ev = (seq: number): CallControlEvent => ({
  v: 1,
  id: `e${seq}`,
  ts: 1,
  seq,
  type: 'alert',
  kind: 'auth_failed',
  source: 'x',
  detail: 'd',
});

test('pending events and the seq survive a reopen; a torn last line is ignored; acks are applied', () => {
  const path = join(mkdtempSync(join(tmpdir(), 'journal-')), 'events.journal');
  const j = new EventJournal(path);
  assert.deepEqual(j.load(), { events: [], lastSeq: 0 });
  for (let s = 1; s <= 5; s++) j.append(ev(s));
  j.ack(2, [ev(3), ev(4), ev(5)], 2);
  j.close();
  appendFileSync(path, '{"e":{"v":1,"id":"torn'); // a crash in the middle of a write
  const r = new EventJournal(path).load();
  assert.deepEqual(
    r.events.map((e) => e.seq),
    [3, 4, 5],
  );
  assert.equal(r.lastSeq, 5);
});

test('acks are appended (never an in-place truncation); many acks: rewritten with the seq mark and the pending', () => {
  const path = join(mkdtempSync(join(tmpdir(), 'journal-')), 'events.journal');
  const j = new EventJournal(path);
  j.load();
  j.append(ev(1));
  j.ack(1, [], 1);
  assert.equal(readFileSync(path, 'utf8'), `${JSON.stringify({ e: ev(1) })}\n{"ack":1}\n`);
  const reopened = new EventJournal(path);
  assert.deepEqual(reopened.load(), { events: [], lastSeq: 1 }, 'nothing pending, the seq survives');
  reopened.close();
  const pending: CallControlEvent[] = [];
  for (let s = 2; s <= COMPACT_AFTER_ACKED + 3; s++) j.append(ev(s));
  for (let s = COMPACT_AFTER_ACKED + 2; s <= COMPACT_AFTER_ACKED + 3; s++) pending.push(ev(s));
  j.ack(COMPACT_AFTER_ACKED + 1, pending, COMPACT_AFTER_ACKED);
  const lines = readFileSync(path, 'utf8').trim().split('\n');
  assert.equal(lines.length, 3, 'seq mark + the two pending events');
  j.close();
  const r = new EventJournal(path).load();
  assert.deepEqual(
    r.events.map((e) => e.seq),
    [COMPACT_AFTER_ACKED + 2, COMPACT_AFTER_ACKED + 3],
  );
  assert.equal(r.lastSeq, COMPACT_AFTER_ACKED + 3);
});
