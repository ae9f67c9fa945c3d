import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeScheduler } from '@hotline/core';
import type { Ban } from './guard.ts';
import { Guard } from './guard.ts';

const from = (host: string) => ({ protocol: 'udp' as const, host, port: 5060 });

test('restore: restored bans drop their source without a new announcement; expired ones lift on sweep', () => {
  const clock = new FakeScheduler(1_000_000);
  const g = new Guard({ clock, allow: ['10.0.0.9'] });
  const announced: Ban[] = [];
  const lifted: Ban[] = [];
  g.banned.on((b) => announced.push(b));
  g.unbanned.on((b) => lifted.push(b));
  const now = clock.now();
  const inForce: Ban = {
    kind: 'ip',
    key: '10.0.0.1',
    reason: 'scanner',
    since: now - 10,
    until: now + 60_000,
    failures: 0,
  };
  const user: Ban = {
    kind: 'user',
    key: '1001',
    reason: 'auth-failures',
    since: now - 10,
    until: now + 60_000,
    failures: 10,
  };
  const expired: Ban = { ...inForce, key: '10.0.0.2', until: now - 1 };
  const allowed: Ban = { ...inForce, key: '10.0.0.9' };
  g.restore([inForce, user, expired, allowed]);
  assert.deepEqual(announced, [], 'no second ban event');
  assert.equal(g.admit(from('10.0.0.1')), false, 'the restored ban drops its source');
  assert.equal(g.isBanned('user', '1001'), true);
  assert.equal(g.admit(from('10.0.0.9')), true, 'an allow-listed source is never restored as banned');
  g.sweep();
  assert.deepEqual(lifted, [expired], 'the ban that ended during the restart is lifted (and reported) once');
  assert.deepEqual(
    g.bans().map((b) => b.key),
    ['10.0.0.1', '1001'],
  );
  // An admin lifts a restored ban as any other; it ends on its own time otherwise.
  assert.equal(g.unban('user', '1001'), true);
  clock.advance(60_001);
  g.sweep();
  assert.deepEqual(
    lifted.map((b) => b.key),
    ['10.0.0.2', '1001', '10.0.0.1'],
  );
  assert.equal(g.admit(from('10.0.0.1')), true);
});
