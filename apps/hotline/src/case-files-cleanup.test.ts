import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { type CasesDb, insertCaseFile, seedCaseCatalog } from '@hotline/cases';
import { demoIntake } from '@hotline/cases/testing';
import { type Harness, startHarness } from '../test/harness.ts';
import { type CaseFileCleanup, HOUR_MS, startCaseFileCleanup } from './case-files-cleanup.ts';
import { loadConfig } from './config.ts';
import { casesRepository } from './http/routes/cases-repository.ts';
import { createLogger } from './log.ts';

let h: Harness;
let dir: string;
let uploader: string;
const config = loadConfig({ HOTLINE_DATA_DIR: '/tmp/hotline-test-unused', HOTLINE_LOG_LEVEL: 'silent' });
const log = createLogger('test', 'silent');

before(async () => {
  h = await startHarness();
  await seedCaseCatalog(h.store);
  dir = await mkdtemp(join(tmpdir(), 'hotline-cleanup-'));
  const u = await h.store.db
    .selectFrom('users')
    .select('id')
    .where('username', '=', 'agent1')
    .executeTakeFirstOrThrow();
  uploader = u.id;
});
after(async () => {
  await h.close();
  await rm(dir, { recursive: true, force: true });
});

/** Puts bytes under their content key, last written at `at` (ms), and an upload row for them. */
async function stored(content: string, uploadedAt: number, writtenAt = uploadedAt) {
  const sha256 = createHash('sha256').update(content).digest('hex');
  const key = `${sha256.slice(0, 2)}/${sha256}`;
  await mkdir(join(dir, sha256.slice(0, 2)), { recursive: true });
  await writeFile(join(dir, key), content);
  await utimes(join(dir, key), writtenAt / 1000, writtenAt / 1000);
  const id = randomUUID();
  const db = h.store.db.withTables() as unknown as CasesDb;
  await insertCaseFile(db, {
    id,
    sha256,
    size: content.length,
    contentType: 'text/plain',
    name: `${content}.txt`,
    storageKey: key,
    uploadedBy: uploader,
    uploadedAt,
  });
  return { id, path: join(dir, key) };
}
const rowExists = async (id: string) =>
  !!(await h.store.db
    .selectFrom('case_files' as never)
    .select('id' as never)
    .where('id' as never, '=', id as never)
    .executeTakeFirst());
const expireAudits = async () =>
  (
    await h.store.db
      .selectFrom('audit_log')
      .select(['target_id', 'actor_name'])
      .where('action', '=', 'case_file.expire')
      .execute()
  ).map((r) => r.target_id);

test('on a fake clock: abandoned uploads go (row, audit row, bytes not shared), bound and young ones stay; old temp files go', async () => {
  const repo = casesRepository({ store: h.store, config, clock: h.clock });
  const now = h.clock.now();
  const old = await stored(`old-${now}`, now - 25 * HOUR_MS);
  const sharedOld = await stored(`shared-${now}`, now - 25 * HOUR_MS);
  const sharedYoung = await stored(`shared-${now}`, now - 2 * HOUR_MS, now - 25 * HOUR_MS);
  const bound = await stored(`bound-${now}`, now - 48 * HOUR_MS);
  const r = await repo.register(
    { ...demoIntake({ categoryCode: '030201' }), attachments: [{ fileId: bound.id }] },
    { id: uploader, name: '坐席', roles: ['agent'], departmentId: null },
  );
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  await mkdir(join(dir, 'tmp'), { recursive: true });
  const temp = (name: string, at: number) =>
    writeFile(join(dir, 'tmp', name), 'partial').then(() => utimes(join(dir, 'tmp', name), at / 1000, at / 1000));
  await temp('stale.part', now - 2 * HOUR_MS);
  await temp('inflight.part', now - 10 * 60_000);
  await temp('notes.txt', now - 48 * HOUR_MS);

  const cleanup: CaseFileCleanup = await startCaseFileCleanup({
    repo,
    dir,
    scheduler: h.clock,
    log,
    maxAgeMs: 24 * HOUR_MS,
  });
  try {
    // Start-up runs a sweep; `sweep()` queues behind it.
    await cleanup.sweep();
    assert.equal(await rowExists(old.id), false);
    assert.equal(await rowExists(sharedOld.id), false);
    assert.equal(await rowExists(sharedYoung.id), true, 'younger than a day');
    assert.equal(await rowExists(bound.id), true, 'bound to a case');
    assert.equal(existsSync(old.path), false, 'bytes nobody else references are deleted');
    assert.equal(existsSync(sharedYoung.path), true, 'bytes a kept row shares stay');
    assert.equal(existsSync(bound.path), true);
    assert.deepEqual((await expireAudits()).sort(), [old.id, sharedOld.id].sort());
    assert.equal(existsSync(join(dir, 'tmp', 'stale.part')), false);
    assert.equal(existsSync(join(dir, 'tmp', 'inflight.part')), true, 'an upload may still be writing it');
    assert.equal(existsSync(join(dir, 'tmp', 'notes.txt')), true, 'only .part files');

    // A day later the periodic sweep (hourly) takes the younger one, and its bytes with it.
    h.clock.advance(23 * HOUR_MS);
    await cleanup.sweep();
    assert.equal(await rowExists(sharedYoung.id), false);
    assert.equal(existsSync(sharedYoung.path), false);
    assert.equal(await rowExists(bound.id), true);
    assert.equal((await expireAudits()).length, 3);
    assert.equal(existsSync(join(dir, 'tmp', 'inflight.part')), false);
  } finally {
    await cleanup.stop();
  }
});

test('bytes rewritten by a new upload of the same content are kept even when the expired row was the last', async () => {
  const repo = casesRepository({ store: h.store, config, clock: h.clock });
  const now = h.clock.now();
  // The row is old, but the file on disk was just written again (an upload of the same bytes whose
  // row is not committed yet): the bytes stay.
  const f = await stored(`rewritten-${now}`, now - 30 * HOUR_MS, now - 60_000);
  const cleanup = await startCaseFileCleanup({ repo, dir, scheduler: h.clock, log, maxAgeMs: 24 * HOUR_MS });
  await cleanup.sweep();
  await cleanup.stop();
  assert.equal(await rowExists(f.id), false);
  assert.equal(existsSync(f.path), true);
});
