import { callerRegion, normalizePhone } from '@hotline/crm';
import type { Kysely } from '@hotline/store';
import type { TelephonyTables } from './telephony-store.ts';

/** 来电区域 columns of a CDR (migration 0302); all null when the number says nothing. */
export interface CdrRegion {
  caller_region: string | null;
  caller_province: string | null;
  caller_city: string | null;
}

const NONE: CdrRegion = { caller_region: null, caller_province: null, caller_city: null };

/**
 * Region of a caller's number — mobile by its 7-digit segment, landline by its area code, a local
 * number dialled without area code by the trunk's (`areaCode`). Pure (the data is in memory): null
 * columns for extensions and short numbers, international and unknown numbers.
 */
export function cdrRegion(caller: string, areaCode?: string): CdrRegion {
  if (caller.length < 7) return NONE;
  const n = normalizePhone(caller, areaCode ? { defaultAreaCode: areaCode } : {});
  if (!n.ok) return NONE;
  const r = callerRegion(n);
  return r ? { caller_region: r.label, caller_province: r.province, caller_city: r.city } : NONE;
}

/** Each trunk's area code (trunks without one are left out). */
export async function trunkAreaCodes(db: Kysely<TelephonyTables>): Promise<Map<string, string>> {
  const rows = await db.selectFrom('sip_trunks').select(['id', 'area_code']).execute();
  return new Map(rows.filter((r) => r.area_code).map((r) => [r.id, r.area_code]));
}

/**
 * Fills the region of the CDRs stored before migration 0302 (marked pending), `batch` rows at a
 * time, each row once. Returns how many rows it filled.
 */
export async function backfillCdrRegions(db: Kysely<TelephonyTables>, batch = 500): Promise<number> {
  const areas = await trunkAreaCodes(db);
  let filled = 0;
  for (;;) {
    const rows = await db
      .selectFrom('call_cdrs')
      .select(['leg_id', 'caller', 'trunk_id'])
      .where('caller_region_pending', '=', true)
      .orderBy('leg_id')
      .limit(batch)
      .execute();
    if (rows.length === 0) return filled;
    await db.transaction().execute(async (trx) => {
      for (const r of rows) {
        await trx
          .updateTable('call_cdrs')
          .set({ ...cdrRegion(r.caller, r.trunk_id ? areas.get(r.trunk_id) : undefined), caller_region_pending: false })
          .where('leg_id', '=', r.leg_id)
          .execute();
      }
    });
    filled += rows.length;
  }
}
