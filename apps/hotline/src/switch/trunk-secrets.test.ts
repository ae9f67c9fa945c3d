import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import type { Store } from '@hotline/store';
import { openTestStore } from '@hotline/store/testing';
import { sql } from 'kysely';
import { ConfigError } from '../config.ts';
import { SecretBox } from '../secrets/secret-box.ts';
import { secretKeyPath } from '../secrets/secret-key.ts';
import { loadSwitchConfig, telephonyDb } from './telephony-store.ts';
import { trunkRow } from './trunk-row.test-helper.ts';
import { TrunkSecrets } from './trunk-secrets.ts';

let store: Store;
beforeEach(async () => {
  store = await openTestStore();
});
afterEach(async () => store?.close());

const quiet = { info: () => undefined, warn: () => undefined };
const KEY = randomBytes(32);
const keyed = (key: Buffer = KEY) => ({
  dataDir: mkdtempSync(join(tmpdir(), 'trunk-secrets-')),
  secretKey: key.toString('base64'),
});

const trunk = (id: string, password: string | null) =>
  trunkRow({ id, username: password === null ? null : 'hotline-out', password, area_code: '571' });
const insert = (id: string, password: string | null) =>
  telephonyDb(store).insertInto('sip_trunks').values(trunk(id, password)).execute();
const stored = async (id: string) =>
  (await telephonyDb(store).selectFrom('sip_trunks').select('password').where('id', '=', id).executeTakeFirstOrThrow())
    .password;
const audit = (action: string) =>
  store.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id').execute();

/** Rows as a database from before migration 0303 holds them: clear outbound passwords. */
async function insertAsBefore0303(rows: [string, string][]) {
  await sql`alter table sip_trunks drop constraint sip_trunks_password_sealed`.execute(store.db);
  for (const [id, pw] of rows) await insert(id, pw);
  // As the migration adds it: existing rows are not checked, new writes are.
  await sql`alter table sip_trunks add constraint sip_trunks_password_sealed
    check (password is null or password ~ '^v1:[A-Za-z0-9+/]{16}:[A-Za-z0-9+/]{22}==:[A-Za-z0-9+/]*={0,2}$') not valid`.execute(
    store.db,
  );
}

test('the database refuses a clear outbound password on insert and on update (format check of 0303)', async () => {
  const box = new SecretBox(KEY);
  await assert.rejects(insert('clear', 'carrier-pw'), /sip_trunks_password_sealed/);
  await assert.rejects(insert('fake', 'v1:abc:def:carrier-pw'), /sip_trunks_password_sealed/);
  await insert('ok', box.seal('carrier-pw'));
  await insert('none', null);
  await assert.rejects(
    telephonyDb(store).updateTable('sip_trunks').set({ password: 'carrier-pw' }).where('id', '=', 'ok').execute(),
    /sip_trunks_password_sealed/,
  );
  assert.equal(box.open((await stored('ok'))!), 'carrier-pw');
});

test('start-up seals clear rows once (one audit row, no value in it); the switch config gets them clear', async () => {
  await insertAsBefore0303([
    ['a', 'carrier-a-pw'],
    ['b', 'carrier-b-pw'],
  ]);
  await insert('none', null);
  const config = keyed();
  const secrets = new TrunkSecrets(store, config, quiet);
  assert.deepEqual(await secrets.open(), { sealed: ['a', 'b'], unreadable: [] });
  for (const [id, pw] of [
    ['a', 'carrier-a-pw'],
    ['b', 'carrier-b-pw'],
  ] as const) {
    const s = (await stored(id))!;
    assert.match(s, /^v1:/);
    assert.equal(secrets.reveal(s), pw);
  }
  assert.equal(await stored('none'), null);
  const rows = await audit('telephony.trunk.passwords_sealed');
  assert.equal(rows.length, 1);
  assert.deepEqual(rows[0]!.details, { trunks: ['a', 'b'] });
  assert.doesNotMatch(JSON.stringify(rows), /carrier-.-pw/);
  assert.equal(existsSync(secretKeyPath(config.dataDir)), false, 'the configured key: no key file');

  // Idempotent: the next start finds nothing to seal.
  const next = new TrunkSecrets(store, config, quiet);
  assert.deepEqual(await next.open(), { sealed: [], unreadable: [] });
  assert.equal((await audit('telephony.trunk.passwords_sealed')).length, 1);

  const cfg = await loadSwitchConfig(telephonyDb(store), {
    fallbackExtensions: [],
    version: 1,
    revealPassword: (s) => next.reveal(s),
  });
  assert.deepEqual(
    cfg.trunks.map((t) => [t.id, t.username, t.password]),
    [
      ['a', 'hotline-out', 'carrier-a-pw'],
      ['b', 'hotline-out', 'carrier-b-pw'],
      ['none', undefined, undefined],
    ],
  );
});

test('without HOTLINE_SECRET_KEY: a key file in the data dir, made when nothing is sealed yet', async () => {
  await insertAsBefore0303([['a', 'carrier-a-pw']]);
  const dataDir = mkdtempSync(join(tmpdir(), 'trunk-secrets-'));
  const secrets = new TrunkSecrets(store, { dataDir }, quiet);
  assert.deepEqual((await secrets.open()).sealed, ['a']);
  assert.ok(existsSync(secretKeyPath(dataDir)));
  assert.equal(secrets.reveal((await stored('a'))!), 'carrier-a-pw');
  assert.deepEqual((await new TrunkSecrets(store, { dataDir }, quiet).open()).unreadable, []);
});

test('sealed rows and a wrong or missing key: a ConfigError naming HOTLINE_SECRET_KEY, nothing changed', async () => {
  const sealed = new SecretBox(KEY).seal('carrier-a-pw');
  await insert('a', sealed);
  const wrong = new TrunkSecrets(store, keyed(randomBytes(32)), quiet);
  await assert.rejects(
    wrong.open(),
    (e: unknown) =>
      e instanceof ConfigError &&
      /HOTLINE_SECRET_KEY/.test(e.message) &&
      /trunk\(s\) a/.test(e.message) &&
      !e.message.includes(KEY.toString('base64')),
  );
  assert.throws(() => wrong.seal('x'), /open\(\) must run/);

  // No variable and no key file: refused, and no new (wrong) key file is made.
  const dataDir = mkdtempSync(join(tmpdir(), 'trunk-secrets-'));
  await assert.rejects(
    new TrunkSecrets(store, { dataDir }, quiet).open(),
    (e: unknown) => e instanceof ConfigError && /HOTLINE_SECRET_KEY is not set/.test(e.message),
  );
  assert.equal(existsSync(secretKeyPath(dataDir)), false);
  assert.equal(await stored('a'), sealed);
});

test('one altered row beside good ones: start goes on, that trunk is pushed without a password', async () => {
  const box = new SecretBox(KEY);
  await insert('good', box.seal('carrier-good'));
  const s = box.seal('carrier-bad').split(':');
  const data = Buffer.from(s[3]!, 'base64');
  data[0]! ^= 1;
  await insert('bad', [s[0], s[1], s[2], data.toString('base64')].join(':'));
  const warnings: unknown[] = [];
  const secrets = new TrunkSecrets(store, keyed(), { info: () => undefined, warn: (d: unknown) => warnings.push(d) });
  assert.deepEqual(await secrets.open(), { sealed: [], unreadable: ['bad'] });
  assert.deepEqual(warnings, [{ trunks: ['bad'] }]);
  const unreadable: string[] = [];
  const cfg = await loadSwitchConfig(telephonyDb(store), {
    fallbackExtensions: [],
    version: 1,
    revealPassword: (v) => secrets.reveal(v),
    unreadable,
  });
  assert.deepEqual(unreadable, ['bad']);
  assert.equal(cfg.trunks.find((t) => t.id === 'bad')!.password, undefined);
  assert.equal(cfg.trunks.find((t) => t.id === 'good')!.password, 'carrier-good');
});
