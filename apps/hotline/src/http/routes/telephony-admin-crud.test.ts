import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { CommandInput } from '@hotline/contracts';
import { type Client, type Harness, login, startHarness } from '../../../test/harness.ts';
import { telephonyServiceOf } from './telephony.ts';

let h: Harness;
let admin: Client;

before(async () => {
  h = await startHarness();
  telephonyServiceOf(h.app).client.command = async (_body: CommandInput) =>
    ({ v: 1, id: 'r', ts: 0, type: 'reply', re: 'c', ok: true, result: {} }) as never;
  admin = await login(h.app, 'admin', 'hotline-admin');
});
after(async () => h?.close());

const audit = (action: string) =>
  h.store.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id').execute();

test('the shared CRUD: each change one audit row with target, before/after views, details only for secrets', async () => {
  assert.equal(
    (
      await admin.request('POST', '/api/v1/admin/telephony/extensions', {
        extension: '3001',
        password: 'Good-password-1',
      })
    ).status,
    201,
  );
  const d = await admin.request('POST', '/api/v1/admin/telephony/dids', {
    did: '12399',
    target: { type: 'extension', extension: '3001' },
  });
  assert.equal(d.status, 201, JSON.stringify(d.json));
  assert.equal((await admin.request('PATCH', '/api/v1/admin/telephony/dids/12399', { record: false })).status, 200);
  const upd = (await audit('telephony.did.update')).at(-1)!;
  assert.equal(upd.target_type, 'sip_did');
  assert.equal(upd.target_id, '12399');
  assert.equal((upd.before as { record: boolean }).record, true);
  assert.equal((upd.after as { record: boolean }).record, false);
  assert.equal(upd.details, null, 'no secrets, no details');

  // The extension is rung by the DID: its delete is refused and writes no audit row.
  const deletes = (await audit('telephony.extension.delete')).length;
  const refused = await admin.request('DELETE', '/api/v1/admin/telephony/extensions/3001');
  assert.equal(refused.status, 409);
  assert.match(JSON.stringify(refused.json), /target of DID 12399/);
  assert.equal((await audit('telephony.extension.delete')).length, deletes);

  const del = await admin.request('DELETE', '/api/v1/admin/telephony/dids/12399');
  assert.deepEqual((del.json as { deleted: string }).deleted, '12399');
  assert.equal((await audit('telephony.did.delete')).at(-1)!.after, null);
  assert.equal((await admin.request('DELETE', '/api/v1/admin/telephony/dids/12399')).status, 404);
  assert.match(
    JSON.stringify(
      (await admin.request('PATCH', '/api/v1/admin/telephony/outbound-routes/999999', { position: 1 })).json,
    ),
    /no outbound route 999999/,
  );
});
