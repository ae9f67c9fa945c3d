/**
 * Issue 3 "a ban engages after repeated failures and lifts after its time", end to end: sipp sends
 * REGISTERs with a wrong password to the switch; its guard bans the source; the `ban` event reaches
 * control, which stores it with an audit row; admins see it at GET /api/v1/telephony/bans; it lifts
 * after its time (`unban` by expiry, audited); a second ban is lifted by an admin (DELETE → switch
 * command → `unban` by control). The extension's credentials come from the database as HA1.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { sipp } from '../../../../packages/switch/test/peers/sipp.ts';
import { login } from '../../test/harness.ts';
import { startSwitchAndControl, until } from './switch-and-control.test-helper.ts';
import { telephonyDb } from './telephony-store.ts';

// Ports: switch SIP 16050 (UDP+TCP), sipp 16060–16069; RTP 17490–17499 (no media here).
const SIP = 16050;
const BAN_MS = 4_000;

function hasSipp(): boolean {
  try {
    execFileSync('which', ['sipp'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

type BanRow = { kind: string; key: string; reason: string; failures: number; liftedBy: string | null };

test('wrong passwords → ban (API + audit) → lifts after its time; an admin lifts the next one', async (t) => {
  if (!hasSipp()) return t.skip('sipp not installed');
  const sc = await startSwitchAndControl({
    sipPort: SIP,
    rtp: [17490, 17499],
    guard: { maxFailuresPerIp: 3, banMs: BAN_MS },
    seed: async (store) => {
      // A clear password written here is stored as HA1 by the migration's trigger (decision 0305).
      await telephonyDb(store)
        .insertInto('sip_extensions')
        .values({ extension: '1001', password: 'sip-1001-demo', display_name: 'a', permission: 'local', user_id: null })
        .execute();
    },
  });
  try {
    const stored = await telephonyDb(sc.store)
      .selectFrom('sip_extensions')
      .selectAll()
      .where('extension', '=', '1001')
      .executeTakeFirstOrThrow();
    assert.equal(stored.password, '(ha1)', 'no clear password in the database');
    assert.match(stored.ha1_md5 ?? '', /^[0-9a-f]{32}$/);
    const admin = await login(sc.app, 'admin', 'hotline-admin');
    const supervisor = await login(sc.app, 'banzhang', 'hotline-super');
    // Control pushed the configuration (HA1 only) on connect: the right password registers.
    await until('config push', async () => sc.rt.sw.config.extensions.some((e) => e.extension === '1001'));
    assert.equal(sc.rt.sw.config.extensions[0]?.password, undefined);
    const args = (pw: string, port: number) => [
      '-s',
      '1001',
      '-au',
      '1001',
      '-ap',
      pw,
      '-key',
      'contact_port',
      String(port),
      '-key',
      'expires',
      '600',
    ];
    const good = sipp({
      scenario: 'register.xml',
      remote: `127.0.0.1:${SIP}`,
      localPort: 16060,
      timeoutS: 10,
      args: [...args('sip-1001-demo', 16061), '-m', '1'],
    });
    assert.equal(await good.done, 0, `registration with the right password failed, see ${good.dir}`);

    const wrong = (port: number) =>
      sipp({
        scenario: 'register-wrong.xml',
        remote: `127.0.0.1:${SIP}`,
        localPort: port,
        timeoutS: 10,
        args: [...args('not-the-password', port + 1), '-m', '3', '-r', '1', '-rp', '200'],
      });
    const w1 = wrong(16062);
    assert.equal(await w1.done, 0, `wrong-password REGISTERs were not answered 401, see ${w1.dir}`);

    const bans = async (all = false) => {
      const r = await admin.request('GET', `/api/v1/telephony/bans${all ? '?all=true' : ''}`);
      assert.equal(r.status, 200, JSON.stringify(r.json));
      return (r.json as { bans: BanRow[] }).bans;
    };
    const [ban] = await until('the ban in the API', async () => {
      const b = await bans();
      return b.length > 0 ? b : null;
    });
    assert.deepEqual([ban?.kind, ban?.key, ban?.reason, ban?.failures], ['ip', '127.0.0.1', 'auth-failures', 3]);
    assert.equal((await supervisor.request('GET', '/api/v1/telephony/bans')).status, 403, 'admins only');
    const audit = (action: string) =>
      sc.store.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id').execute();
    const banAudit = await audit('telephony.ban');
    assert.equal(banAudit.length, 1);
    assert.equal(banAudit[0]?.target_id, 'ip:127.0.0.1');

    // While banned, the source is dropped without an answer: even the right password times out.
    const dropped = sipp({
      scenario: 'register.xml',
      remote: `127.0.0.1:${SIP}`,
      localPort: 16064,
      timeoutS: 2,
      args: [...args('sip-1001-demo', 16061), '-m', '1'],
    });
    assert.notEqual(await dropped.done, 0, 'a banned source got an answer');

    // It lifts after its time: `unban` by expiry, stored and audited.
    await until('the ban to lift', async () => (await bans()).length === 0, BAN_MS + 5_000);
    const history = await bans(true);
    assert.equal(history[0]?.liftedBy, 'expiry');
    await until('the unban audit row', async () => (await audit('telephony.unban')).length === 1);

    // A second ban, lifted by an admin through the API (a command to the switch).
    const w2 = wrong(16066);
    assert.equal(await w2.done, 0, `see ${w2.dir}`);
    await until('the second ban', async () => (await bans()).length === 1);
    const del = await admin.request('DELETE', '/api/v1/telephony/bans/ip/127.0.0.1');
    assert.equal(del.status, 200, JSON.stringify(del.json));
    assert.deepEqual(del.json, { lifted: true });
    await until('the second ban lifted by control', async () => {
      const h = await bans(true);
      return h.length === 2 && h[0]?.liftedBy === 'control';
    });
    assert.equal(sc.rt.sw.guard.bans().length, 0);
    assert.equal((await audit('telephony.unban.request')).length, 1);
    assert.equal((await audit('telephony.unban')).length, 2);
    assert.equal((await audit('telephony.ban')).length, 2);
    // Lifting again is harmless.
    assert.deepEqual((await admin.request('DELETE', '/api/v1/telephony/bans/ip/127.0.0.1')).json, { lifted: false });
  } finally {
    await sc.close();
  }
});
