import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, test } from 'node:test';
import { ErrorCode, HotlineError } from '@hotline/core';
import { CaseFileStorage, type StorageOps } from './case-files-storage.ts';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hotline-files-'));
});
after(async () => rm(dir, { recursive: true, force: true }));

const chunks = (...parts: string[]) => Readable.from(parts.map((p) => Buffer.from(p)));
const tmpFiles = async (root: string) => readdir(join(root, 'tmp')).catch(() => []);
/** Files under final names (`ab/abcdef…`), i.e. everything outside `tmp/`. */
const finalFiles = async (root: string) =>
  (
    (await readdir(root, { recursive: true, withFileTypes: true })) as {
      name: string;
      parentPath: string;
      isFile(): boolean;
    }[]
  )
    .filter((e) => e.isFile() && !e.parentPath.endsWith('tmp'))
    .map((e) => e.name);

/** Real file-system calls, each noted in `log` (and optionally failing). */
function recordingOps(log: string[], fail?: 'rename'): StorageOps {
  return {
    sync: async (fh) => {
      log.push('sync');
      await fh.sync();
    },
    rename: async (from, to) => {
      log.push('rename');
      if (fail === 'rename') throw new Error('EIO: simulated crash at rename');
      const { rename } = await import('node:fs/promises');
      await rename(from, to);
    },
    syncDir: async () => {
      log.push('syncDir');
    },
  };
}

test('a write is content-addressed, fsynced before its rename, and the directory synced after it', async () => {
  const log: string[] = [];
  const s = new CaseFileStorage(join(dir, 'a'), recordingOps(log));
  const f = await s.write(chunks('hello ', 'world'), { maxBytes: 100, headBytes: 4 });
  const sha = createHash('sha256').update('hello world').digest('hex');
  assert.equal(f.sha256, sha);
  assert.equal(f.key, `${sha.slice(0, 2)}/${sha}`);
  assert.equal(f.size, 11);
  assert.equal(f.head.toString(), 'hell');
  assert.deepEqual(log, ['sync', 'rename', 'syncDir']);
  assert.equal(await readFile(join(dir, 'a', f.key), 'utf8'), 'hello world');
  assert.deepEqual(await tmpFiles(join(dir, 'a')), [], 'no temp file left');
  const again = await s.write(chunks('hello world'), { maxBytes: 100, headBytes: 4 });
  assert.equal(again.key, f.key, 'same content, same file');
  const opened = await s.open(f.key);
  assert.equal(opened?.size, 11);
  opened?.stream.destroy();
});

test('a crash before the rename leaves no file under a final name and no temp file', async () => {
  const root = join(dir, 'b');
  const s = new CaseFileStorage(root, recordingOps([], 'rename'));
  await assert.rejects(s.write(chunks('data'), { maxBytes: 100, headBytes: 4 }), /simulated crash/);
  assert.deepEqual(await finalFiles(root), [], 'no file under a final name');
  assert.deepEqual(await tmpFiles(root), []);
});

test('a broken upload stream and an over-limit body leave nothing behind', async () => {
  const root = join(dir, 'c');
  const s = new CaseFileStorage(root);
  const broken = new Readable({
    read() {
      this.push(Buffer.from('part'));
      this.destroy(new Error('client went away'));
    },
  });
  await assert.rejects(s.write(broken, { maxBytes: 100, headBytes: 4 }), /client went away/);
  await assert.rejects(s.write(chunks('12345', '67890', 'x'), { maxBytes: 10, headBytes: 4 }), (e) => {
    assert.ok(e instanceof HotlineError);
    assert.equal(e.code, ErrorCode.PayloadTooLarge);
    return true;
  });
  assert.deepEqual(await tmpFiles(root), []);
  assert.deepEqual(await finalFiles(root), []);
});

test('a refused file (accept) never gets a final name', async () => {
  const root = join(dir, 'd');
  const s = new CaseFileStorage(root);
  const no = new HotlineError(ErrorCode.ValidationFailed, 'not a png');
  await assert.rejects(s.write(chunks('MZ....'), { maxBytes: 100, headBytes: 4, accept: () => no }), /not a png/);
  assert.deepEqual(await finalFiles(root), []);
  assert.deepEqual(await tmpFiles(root), []);
});

test('keys that would leave the directory are refused', () => {
  const s = new CaseFileStorage(join(dir, 'e'));
  assert.equal(s.pathOf('../../etc/passwd'), null);
  assert.equal(s.pathOf(`ab/${'a'.repeat(63)}/`), null);
  assert.ok(s.pathOf(`ab/${'a'.repeat(64)}`));
});
