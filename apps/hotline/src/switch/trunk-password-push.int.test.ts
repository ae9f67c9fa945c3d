/**
 * Decision 0309 end to end: an admin sets a carrier trunk's outbound password through the API; the
 * database holds it encrypted; the real switch receives it clear in `switch.configure` (it answers
 * the carrier's digest challenges with it, see packages/switch/test/outbound-trunk.int.test.ts) and
 * caches that configuration in a file only its owner can read.
 */
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { login } from '../../test/harness.ts';
import { startSwitchAndControl, until } from './switch-and-control.test-helper.ts';
import { telephonyDb } from './telephony-store.ts';

// Ports: switch SIP 16700 (UDP+TCP); RTP 17700–17709 (no media here).
test('an outbound trunk password: encrypted in the database, clear in the switch, cache file mode 0600', async () => {
  const sc = await startSwitchAndControl({ sipPort: 16700, rtp: [17700, 17709] });
  try {
    const admin = await login(sc.app, 'admin', 'hotline-admin');
    const c = await admin.request('POST', '/api/v1/admin/telephony/trunks', {
      id: 'carrier-x',
      host: '127.0.0.1',
      port: 16790,
      allowFrom: ['127.0.0.1:16790'],
      username: 'hotline-out',
      password: 'Carrier-x-secret',
    });
    assert.equal(c.status, 201, JSON.stringify(c.json));
    const pushed = await until('the switch has the trunk', async () =>
      sc.rt.sw.config.trunks.find((t) => t.id === 'carrier-x'),
    );
    assert.equal(pushed.username, 'hotline-out');
    assert.equal(pushed.password, 'Carrier-x-secret');

    const row = await telephonyDb(sc.store)
      .selectFrom('sip_trunks')
      .select('password')
      .where('id', '=', 'carrier-x')
      .executeTakeFirstOrThrow();
    assert.match(row.password ?? '', /^v1:/);
    assert.doesNotMatch(row.password ?? '', /Carrier-x-secret/);

    // The switch's cache holds the secret too (it must, to work without control): owner-only.
    const cache = join(sc.dir, 'switch', 'config.json');
    await until('the cache is written', async () => readFileSync(cache, 'utf8').includes('carrier-x'));
    assert.equal(statSync(cache).mode & 0o777, 0o600);
    // Control's key file (no HOTLINE_SECRET_KEY here) sits in the same data dir, owner-only.
    assert.equal(statSync(join(sc.dir, 'secret-key')).mode & 0o777, 0o600);
  } finally {
    await sc.close();
  }
});
