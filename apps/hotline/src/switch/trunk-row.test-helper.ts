import type { Insertable } from 'kysely';
import type { TelephonyTables } from './telephony-store.ts';

export type TrunkRow = Insertable<TelephonyTables['sip_trunks']>;

/** A `sip_trunks` row for tests: a UDP carrier at 192.0.2.10:5060 without credentials; `o` overrides. */
export function trunkRow(o: Partial<TrunkRow> & { id: string }): TrunkRow {
  return {
    name: '',
    host: '192.0.2.10',
    port: 5060,
    transport: 'udp',
    allow_from: ['192.0.2.10'],
    inbound_user: null,
    inbound_password: null,
    username: null,
    password: null,
    caller_id: '',
    area_code: '',
    max_calls: 30,
    ...o,
  };
}
