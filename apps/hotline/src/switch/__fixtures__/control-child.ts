/**
 * A control process for the failover test: the real TelephonyService (call-control client +
 * PGlite store) with a line protocol on stdin/stdout so the test can drive it and kill -9 it.
 *   stdin:  media | hangupAll | count
 *   stdout: one JSON object per line
 */
import { createInterface } from 'node:readline';
import { openStore } from '@hotline/store';
import { loadConfig } from '../../config.ts';
import { createLogger } from '../../log.ts';
import { TelephonyService } from '../telephony-service.ts';
import { telephonyDb } from '../telephony-store.ts';
import { trunkRow } from '../trunk-row.test-helper.ts';

const out = (o: unknown) => process.stdout.write(`${JSON.stringify(o)}\n`);
const config = loadConfig();
const store = await openStore({ dataDir: config.dbDir });
const db = telephonyDb(store);
const seed = JSON.parse(process.env.HOTLINE_TEST_SEED ?? '{}') as { trunkPort: number; did: string; extension: string };
await db
  .insertInto('sip_extensions')
  .values({ extension: seed.extension, password: `sip-${seed.extension}-demo`, display_name: '', permission: 'local', user_id: null })
  .onConflict((oc) => oc.doNothing())
  .execute();
await db
  .insertInto('sip_trunks')
  .values(
    trunkRow({
      id: 'carrier',
      host: '127.0.0.1',
      port: seed.trunkPort,
      allow_from: [`127.0.0.1:${seed.trunkPort}`],
      max_calls: 100,
    }),
  )
  .onConflict((oc) => oc.doNothing())
  .execute();
await db
  .insertInto('sip_dids')
  .values({ did: seed.did, target: JSON.stringify({ type: 'extension', extension: seed.extension }), record: true })
  .onConflict((oc) => oc.doNothing())
  .execute();

const svc = new TelephonyService(store, config, createLogger('control', 'silent'));
let legs: { legId: string; direction: string; trunkId: string | null }[] = [];
svc.client.snapshot.on((s) => {
  legs = s.legs;
  void svc.pushConfig().then(() => out({ snapshot: { legs: s.legs.length, bridges: s.bridges.length, registrations: s.registrations.length } }));
});
await svc.start();

createInterface({ input: process.stdin }).on('line', (line) => {
  void (async () => {
    if (line === 'media') {
      const r = await svc.command({ type: 'switch.snapshot', withMedia: true });
      const snap = r.result as { legs: { legId: string; direction: string; trunkId: string | null; state: string; media?: { packetsReceived: number; packetsSent: number } }[]; bridges: unknown[] };
      legs = snap.legs;
      out({ media: Object.fromEntries(snap.legs.map((l) => [l.legId, { state: l.state, rx: l.media?.packetsReceived ?? 0, tx: l.media?.packetsSent ?? 0 }])), bridges: snap.bridges.length });
    } else if (line === 'hangupAll') {
      const trunkLegs = legs.filter((l) => l.trunkId);
      const replies = await Promise.all(trunkLegs.map((l) => svc.command({ type: 'leg.hangup', legId: l.legId })));
      out({ hungup: replies.filter((r) => r.ok).length });
    } else if (line === 'count') {
      await svc.client.drained();
      const c = await db.selectFrom('call_cdrs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const r = await db.selectFrom('call_recordings').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const answered = await db
        .selectFrom('call_cdrs')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('answered_at', 'is not', null)
        .executeTakeFirstOrThrow();
      out({ cdrs: Number(c.n), recordings: Number(r.n), answered: Number(answered.n) });
    }
  })();
});
