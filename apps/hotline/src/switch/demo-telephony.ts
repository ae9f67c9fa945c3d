/** Demo telephony: extensions 1001–1003/1010, a demo carrier trunk and the demo DIDs (README "Demo"). */
import { DEMO_DIDS, DEMO_EXTENSIONS, demoSeeders } from '../demo.ts';
import { telephonyDb } from './telephony-store.ts';

/** The demo carrier: sipp or a softphone on 127.0.0.1:5080 plays the carrier (allowed by address:port). */
export const DEMO_TRUNK = { id: 'demo-carrier', host: '127.0.0.1', port: 5080 } as const;
const AGENTS = ['1001', '1002', '1003'];

let registered = false;

export function registerTelephonyDemo(): void {
  if (registered) return;
  registered = true;
  demoSeeders.push({
    name: 'telephony',
    seed: async (store) => {
      const db = telephonyDb(store);
      for (const e of DEMO_EXTENSIONS) {
        await db
          .insertInto('sip_extensions')
          .values({
            extension: e.extension,
            password: e.password,
            display_name: e.user,
            permission: e.extension === '1010' ? 'national' : 'local',
            user_id: null,
          })
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
      await db
        .insertInto('sip_trunks')
        .values({
          id: DEMO_TRUNK.id,
          name: 'Demo carrier',
          host: DEMO_TRUNK.host,
          port: DEMO_TRUNK.port,
          transport: 'udp',
          allow_from: [`${DEMO_TRUNK.host}:${DEMO_TRUNK.port}`],
          inbound_user: null,
          inbound_password: null,
          username: null,
          password: null,
          caller_id: '057112319',
          area_code: '571',
          max_calls: 60,
        })
        .onConflict((oc) => oc.doNothing())
        .execute();
      for (const d of DEMO_DIDS) {
        // Until the IVR flows exist, every demo DID rings the agent group (recorded).
        await db
          .insertInto('sip_dids')
          .values({ did: d.did, target: JSON.stringify({ type: 'group', extensions: AGENTS }), record: true })
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
      await db
        .insertInto('sip_outbound_routes')
        .values({
          pattern: '^(\\+86|0|1[3-9]|[2-9][0-9]{6,7}$|1[0-9]{2,4}$|9[56][0-9]{3}$)',
          trunk_id: DEMO_TRUNK.id,
          position: 0,
        })
        .execute();
    },
  });
}
