import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Ban } from '@hotline/sip';
import { BanJournal, COMPACT_AFTER_LIFTED } from './ban-journal.ts';

const ban = (key: string, since = 1000, kind: Ban['kind'] = 'ip'): Ban => ({
  kind,
  key,
  reason: 'auth-failures',
  since,
  until: since + 60_000,
  failures: 5,
});

const lines = (path: string) => readFileSync(path, 'utf8').split('\n').filter(Boolean);

test('bans in force survive a reopen; lifted ones do not; torn and hostile lines are skipped', () => {
  const path = join(mkdtempSync(join(tmpdir(), 'bans-')), 'bans.journal');
  const j = new BanJournal(path);
  assert.deepEqual(j.load(), []);
  j.banned(ban('10.0.0.1'));
  j.banned(ban('10.0.0.2'));
  j.banned(ban('1001', 1000, 'user'));
  j.lifted(ban('10.0.0.2'));
  // A lift of an older ban of the same key (its `since` differs) leaves the newer one in force.
  j.lifted(ban('10.0.0.1', 1));
  j.close();
  appendFileSync(path, '{"ban":{"kind":"ip","key":"10.0.0.3","reas'); // crash mid-write
  appendFileSync(path, '\n{"ban":{"kind":"bogus","key":"x","reason":"scanner","since":1,"until":2,"failures":0}}\n');
  appendFileSync(
    path,
    '{"ban":{"kind":"ip","key":"","reason":"scanner","since":1,"until":2,"failures":0}}\nnull\n[]\n',
  );
  const again = new BanJournal(path);
  assert.deepEqual(again.load(), [ban('10.0.0.1'), ban('1001', 1000, 'user')]);
  // Loading compacted the file to the bans in force.
  assert.deepEqual(lines(path), [
    JSON.stringify({ ban: ban('10.0.0.1') }),
    JSON.stringify({ ban: ban('1001', 1000, 'user') }),
  ]);
  // A ban engaged again after its lift is in force again.
  again.banned(ban('10.0.0.2', 5000));
  again.close();
  assert.deepEqual(
    new BanJournal(path).load().map((b) => b.key),
    ['10.0.0.1', '1001', '10.0.0.2'],
  );
});

test('the file is rewritten once enough lifted bans pile up', () => {
  const path = join(mkdtempSync(join(tmpdir(), 'bans-')), 'bans.journal');
  const j = new BanJournal(path);
  j.load();
  j.banned(ban('keep'));
  for (let i = 0; i < COMPACT_AFTER_LIFTED - 1; i++) {
    j.banned(ban(`10.1.${i >> 8}.${i & 255}`));
    j.lifted(ban(`10.1.${i >> 8}.${i & 255}`));
  }
  assert.equal(lines(path).length, 1 + 2 * (COMPACT_AFTER_LIFTED - 1));
  j.banned(ban('last'));
  j.lifted(ban('last'));
  assert.deepEqual(lines(path), [JSON.stringify({ ban: ban('keep') })]);
  j.banned(ban('after'));
  j.close();
  assert.deepEqual(
    new BanJournal(path).load().map((b) => b.key),
    ['keep', 'after'],
  );
});
