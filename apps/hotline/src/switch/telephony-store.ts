import { type CallControlEvent, SwitchConfig } from '@hotline/contracts';
import type { Kysely, Store } from '@hotline/store';
import type { ColumnType, Generated } from 'kysely';
import { cdrRegion } from './cdr-region.ts';

type Ts = ColumnType<Date, Date | string, Date | string>;

/**
 * The marker a clear-password column holds after migration 0301: a trigger turns any password
 * written into HA1 and stores this ('' / NULL: no password set). Never a clear password.
 */
export const HA1_MARKER = '(ha1)';
/** A nullable text column that writers may leave out. */
type OptionalText = ColumnType<string | null, string | null | undefined, string | null | undefined>;
/** HA1 columns filled by the trigger from a clear password (or written directly). */
type Ha1Column = OptionalText;

/** Kysely types of migrations 0300_telephony.sql, 0301_telephony_bans_ha1.sql, 0302_cdr_caller_region.sql and 0303. */
export type TelephonyTables = {
  sip_extensions: {
    extension: string;
    /** Write-only clear password; reads `HA1_MARKER` or ''. */
    password: string;
    ha1_md5: Ha1Column;
    ha1_sha256: Ha1Column;
    display_name: string;
    permission: string;
    user_id: string | null;
    created_at: Generated<Date>;
  };
  sip_trunks: {
    id: string;
    name: string;
    host: string;
    port: number;
    transport: string;
    allow_from: string[];
    inbound_user: string | null;
    /** Write-only clear password; reads `HA1_MARKER` or null. */
    inbound_password: string | null;
    inbound_ha1_md5: Ha1Column;
    inbound_ha1_sha256: Ha1Column;
    username: string | null;
    /** Outbound digest password, sealed `v1:<iv>:<tag>:<ciphertext>` (migration 0303, `trunk-secrets.ts`). */
    password: string | null;
    caller_id: string;
    area_code: string;
    max_calls: number;
    created_at: Generated<Date>;
  };
  sip_dids: { did: string; target: ColumnType<unknown, string, string>; record: boolean; created_at: Generated<Date> };
  sip_outbound_routes: { id: Generated<number>; pattern: string; trunk_id: string; position: number };
  call_cdrs: {
    leg_id: string;
    event_id: string;
    switch_id: string;
    call_id: string;
    direction: string;
    caller: string;
    callee: string;
    trunk_id: string | null;
    extension: string | null;
    started_at: Ts;
    answered_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
    ended_at: Ts;
    sip_status: number;
    q850_cause: number;
    cause_text: string;
    hangup_by: string;
    bridge_ids: string[];
    stored_at: Generated<Date>;
    /** 来电区域 (migration 0302, `cdr-region.ts`): label, province, city; null when unknown. */
    caller_region: OptionalText;
    caller_province: OptionalText;
    caller_city: OptionalText;
    /** Stored before 0302: the region is still to be filled at start-up. */
    caller_region_pending: Generated<boolean>;
  };
  call_recordings: {
    id: string;
    event_id: string;
    switch_id: string;
    bridge_id: string | null;
    leg_ids: string[];
    path: string;
    duration_ms: number;
    bytes: number;
    sha256: string;
    started_at: Ts;
    stored_at: Generated<Date>;
  };
  telephony_alerts: { event_id: string; switch_id: string; kind: string; source: string; detail: string; at: Ts };
  telephony_bans: {
    kind: string;
    key: string;
    since: Ts;
    until: Ts;
    reason: string;
    failures: number;
    switch_id: string;
    event_id: string;
    lifted_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
    lifted_by: string | null;
    lift_event_id: string | null;
  };
};

export function telephonyDb(store: Pick<Store, 'db'>): Kysely<TelephonyTables> {
  return store.db.withTables<TelephonyTables>() as unknown as Kysely<TelephonyTables>;
}

/**
 * Stores what the switch reports, idempotently by event id / leg id / recording id: an event
 * replayed after a control crash changes nothing. Returns true when a row was written. A CDR gets
 * its caller's region (来电区域); `areaCodes` (trunk id → area code) places local numbers dialled
 * without an area code.
 */
export async function storeSwitchEvent(
  db: Kysely<TelephonyTables>,
  switchId: string,
  e: CallControlEvent,
  areaCodes: ReadonlyMap<string, string> = new Map(),
): Promise<boolean> {
  switch (e.type) {
    case 'leg.hungup': {
      const c = e.cdr;
      const r = await db
        .insertInto('call_cdrs')
        .values({
          leg_id: c.legId,
          event_id: e.id,
          switch_id: switchId,
          call_id: c.callId,
          direction: c.direction,
          caller: c.caller,
          callee: c.callee,
          trunk_id: c.trunkId,
          extension: c.extension,
          started_at: new Date(c.startedAt),
          answered_at: c.answeredAt ? new Date(c.answeredAt) : null,
          ended_at: new Date(c.endedAt),
          sip_status: c.cause.sip,
          q850_cause: c.cause.q850,
          cause_text: c.cause.text.slice(0, 200),
          hangup_by: c.cause.by,
          bridge_ids: c.bridgeIds,
          ...cdrRegion(c.caller, c.trunkId ? areaCodes.get(c.trunkId) : undefined),
        })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
    }
    case 'recording.closed': {
      const r = await db
        .insertInto('call_recordings')
        .values({
          id: e.recordingId,
          event_id: e.id,
          switch_id: switchId,
          bridge_id: e.bridgeId,
          leg_ids: e.legIds,
          path: e.path,
          duration_ms: Math.round(e.durationMs),
          bytes: e.bytes,
          sha256: e.sha256,
          started_at: new Date(e.startedAt),
        })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
    }
    case 'alert': {
      const r = await db
        .insertInto('telephony_alerts')
        .values({
          event_id: e.id,
          switch_id: switchId,
          kind: e.kind,
          source: e.source,
          detail: e.detail.slice(0, 500),
          at: new Date(e.ts),
        })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
    }
    default:
      return false;
  }
}

/**
 * The switch configuration as stored by control (pushed with `switch.configure`). Outbound trunk
 * passwords are opened here, and only here (`revealPassword`, decision 0309); one that does not
 * open is left out and its trunk reported in `unreadable`.
 */
export async function loadSwitchConfig(
  db: Kysely<TelephonyTables>,
  o: {
    fallbackExtensions: string[];
    version: number;
    revealPassword: (stored: string) => string | null;
    unreadable?: string[];
  },
): Promise<SwitchConfig> {
  const [exts, trunks, dids, outbound] = await Promise.all([
    db.selectFrom('sip_extensions').selectAll().orderBy('extension').execute(),
    db.selectFrom('sip_trunks').selectAll().orderBy('id').execute(),
    db.selectFrom('sip_dids').selectAll().orderBy('did').execute(),
    db.selectFrom('sip_outbound_routes').selectAll().orderBy('position').execute(),
  ]);
  return SwitchConfig.parse({
    version: o.version,
    // Decision 0305: only HA1 leaves the database; an extension without one cannot register.
    extensions: exts
      .filter((e) => e.ha1_md5 !== null || e.ha1_sha256 !== null)
      .map((e) => ({
        extension: e.extension,
        ...(e.ha1_md5 ? { ha1Md5: e.ha1_md5 } : {}),
        ...(e.ha1_sha256 ? { ha1Sha256: e.ha1_sha256 } : {}),
        displayName: e.display_name,
        permission: e.permission,
      })),
    trunks: trunks.map((t) => ({
      id: t.id,
      name: t.name,
      host: t.host,
      port: t.port,
      transport: t.transport,
      allowFrom: t.allow_from,
      ...(t.inbound_user ? { inboundUser: t.inbound_user } : {}),
      ...(t.inbound_ha1_md5 ? { inboundHa1Md5: t.inbound_ha1_md5 } : {}),
      ...(t.inbound_ha1_sha256 ? { inboundHa1Sha256: t.inbound_ha1_sha256 } : {}),
      ...(t.username ? { username: t.username } : {}),
      ...passwordOf(t, o),
      callerId: t.caller_id,
      areaCode: t.area_code,
      maxCalls: t.max_calls,
    })),
    dids: dids.map((d) => ({
      did: d.did,
      target: typeof d.target === 'string' ? JSON.parse(d.target) : d.target,
      record: d.record,
    })),
    outbound: outbound.map((r) => ({ pattern: r.pattern, trunkId: r.trunk_id })),
    fallback: { extensions: o.fallbackExtensions, ringSeconds: 30 },
  });
}

function passwordOf(
  t: { id: string; password: string | null },
  o: { revealPassword: (stored: string) => string | null; unreadable?: string[] },
): { password?: string } {
  if (!t.password) return {};
  const password = o.revealPassword(t.password);
  if (password === null) {
    o.unreadable?.push(t.id);
    return {};
  }
  return { password };
}
