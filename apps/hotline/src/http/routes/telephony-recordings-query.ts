/**
 * Searches over what the switch reported (CDRs per leg, recordings), with the caller's region
 * (来电区域) and the agent behind each extension.
 */
import type { CdrQuery, CdrView, RecordingQuery, RecordingView } from '@hotline/contracts';
import { type Database, type Kysely, sql } from '@hotline/store';
import type { TelephonyTables } from '../../switch/telephony-store.ts';

export type TelephonyDb = Kysely<Database & TelephonyTables>;

const DAY_MS = 86_400_000;

/** `2025-03-01` is the whole day (server time zone): as `from` its start, as `to` the next day's start. */
export function parseWhen(s: string, edge: 'from' | 'to'): Date {
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) {
    const d = new Date(`${s}T00:00:00`);
    return edge === 'to' ? new Date(d.getTime() + DAY_MS) : d;
  }
  return new Date(s.replace(' ', 'T'));
}

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

async function agentNames(db: TelephonyDb, extensions: string[]): Promise<Map<string, string>> {
  if (extensions.length === 0) return new Map();
  const rows = await db
    .selectFrom('sip_extensions as e')
    .leftJoin('users as u', 'u.id', 'e.user_id')
    .select(['e.extension', 'e.display_name', 'u.display_name as user_name'])
    .where('e.extension', 'in', extensions)
    .execute();
  return new Map(rows.map((r) => [r.extension, r.user_name ?? r.display_name]));
}

export async function searchCdrs(
  db: TelephonyDb,
  q: CdrQuery,
  o: { withRecordings: boolean },
): Promise<{ items: CdrView[]; total: number }> {
  let base = db.selectFrom('call_cdrs as c');
  if (q.from) base = base.where('c.started_at', '>=', parseWhen(q.from, 'from'));
  if (q.to) base = base.where('c.started_at', '<', parseWhen(q.to, 'to'));
  if (q.number) {
    const like = `%${q.number}%`;
    base = base.where((eb) => eb.or([eb('c.caller', 'like', like), eb('c.callee', 'like', like)]));
  }
  if (q.extension) base = base.where('c.extension', '=', q.extension);
  if (q.userId) {
    const uid = q.userId;
    base = base.where('c.extension', 'in', (eb) =>
      eb.selectFrom('sip_extensions').select('extension').where('user_id', '=', uid),
    );
  }
  if (q.direction) base = base.where('c.direction', '=', q.direction);
  if (q.answered === 'yes') base = base.where('c.answered_at', 'is not', null);
  if (q.answered === 'no') base = base.where('c.answered_at', 'is', null);
  if (q.trunkId) base = base.where('c.trunk_id', '=', q.trunkId);
  if (q.region) base = base.where('c.caller_region', 'like', `%${q.region.replace(/[\\%_]/g, '\\$&')}%`);
  const [rows, count] = await Promise.all([
    base.selectAll('c').orderBy('c.started_at', 'desc').orderBy('c.leg_id').limit(q.limit).offset(q.offset).execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const names = await agentNames(db, [...new Set(rows.flatMap((r) => (r.extension ? [r.extension] : [])))]);
  const recordings = new Map<string, string>();
  if (o.withRecordings && rows.length > 0) {
    const legIds = rows.map((r) => r.leg_id);
    const recs = await db
      .selectFrom('call_recordings')
      .select(['id', 'leg_ids'])
      .where(sql<boolean>`leg_ids && ${sql.val(legIds)}::text[]`)
      .orderBy('started_at')
      .execute();
    for (const r of recs) for (const l of r.leg_ids) if (!recordings.has(l)) recordings.set(l, r.id);
  }
  return {
    total: Number(count.n),
    items: rows.map((r) => {
      const answered = r.answered_at ? new Date(r.answered_at).getTime() : null;
      return {
        legId: r.leg_id,
        callId: r.call_id,
        direction: r.direction as 'inbound' | 'outbound',
        caller: r.caller,
        callee: r.callee,
        callerRegion: r.caller_region,
        callerProvince: r.caller_province,
        callerCity: r.caller_city,
        trunkId: r.trunk_id,
        extension: r.extension,
        agentName: r.extension ? (names.get(r.extension) ?? null) : null,
        startedAt: iso(r.started_at) ?? '',
        answeredAt: iso(r.answered_at),
        endedAt: iso(r.ended_at) ?? '',
        talkSeconds:
          answered === null ? 0 : Math.max(0, Math.round((new Date(r.ended_at).getTime() - answered) / 1000)),
        sipStatus: r.sip_status,
        q850: r.q850_cause,
        causeText: r.cause_text,
        hangupBy: r.hangup_by,
        recordingId: recordings.get(r.leg_id) ?? null,
      };
    }),
  };
}

type RecordingRow = {
  id: string;
  started_at: Date | string;
  duration_ms: number;
  bytes: number | string;
  sha256: string;
  leg_ids: string[];
};

/** Adds the call's parties (from the legs' CDRs) to recording rows. */
export async function recordingViews(db: TelephonyDb, rows: RecordingRow[]): Promise<RecordingView[]> {
  const legIds = [...new Set(rows.flatMap((r) => r.leg_ids))];
  const cdrs =
    legIds.length === 0
      ? []
      : await db
          .selectFrom('call_cdrs')
          .select(['leg_id', 'caller', 'callee', 'extension', 'caller_region', 'started_at'])
          .where('leg_id', 'in', legIds)
          .orderBy('started_at')
          .execute();
  const byLeg = new Map(cdrs.map((c) => [c.leg_id, c]));
  const names = await agentNames(db, [...new Set(cdrs.flatMap((c) => (c.extension ? [c.extension] : [])))]);
  return rows.map((r) => {
    const legs = r.leg_ids.flatMap((l) => {
      const c = byLeg.get(l);
      return c ? [c] : [];
    });
    legs.sort((a, b) => new Date(a.started_at).getTime() - new Date(b.started_at).getTime());
    const first = legs[0] ?? null;
    const extensions = [...new Set(legs.flatMap((c) => (c.extension ? [c.extension] : [])))];
    return {
      id: r.id,
      startedAt: iso(r.started_at) ?? '',
      durationMs: r.duration_ms,
      bytes: Number(r.bytes),
      sha256: r.sha256,
      caller: first?.caller ?? null,
      callee: first?.callee ?? null,
      callerRegion: first?.caller_region ?? null,
      extensions,
      agents: extensions.flatMap((e) => {
        const n = names.get(e);
        return n ? [n] : [];
      }),
      legIds: r.leg_ids,
    };
  });
}

export async function searchRecordings(
  db: TelephonyDb,
  q: RecordingQuery,
): Promise<{ items: RecordingView[]; total: number }> {
  let base = db.selectFrom('call_recordings as r');
  if (q.from) base = base.where('r.started_at', '>=', parseWhen(q.from, 'from'));
  if (q.to) base = base.where('r.started_at', '<', parseWhen(q.to, 'to'));
  if (q.minDuration !== undefined) base = base.where('r.duration_ms', '>=', Math.round(q.minDuration * 1000));
  if (q.maxDuration !== undefined) base = base.where('r.duration_ms', '<=', Math.round(q.maxDuration * 1000));
  const legsWith = (filter: (c: ReturnType<typeof cdrOfRecording>) => ReturnType<typeof cdrOfRecording>) =>
    sql<boolean>`exists (${filter(cdrOfRecording(db))})`;
  if (q.number) {
    const like = `%${q.number}%`;
    base = base.where(
      legsWith((c) => c.where((eb) => eb.or([eb('c.caller', 'like', like), eb('c.callee', 'like', like)]))),
    );
  }
  if (q.extension) {
    const ext = q.extension;
    base = base.where(legsWith((c) => c.where('c.extension', '=', ext)));
  }
  if (q.userId) {
    const uid = q.userId;
    base = base.where(
      legsWith((c) =>
        c.where('c.extension', 'in', (eb) =>
          eb.selectFrom('sip_extensions').select('extension').where('user_id', '=', uid),
        ),
      ),
    );
  }
  const [rows, count] = await Promise.all([
    base
      .select(['r.id', 'r.started_at', 'r.duration_ms', 'r.bytes', 'r.sha256', 'r.leg_ids'])
      .orderBy('r.started_at', 'desc')
      .orderBy('r.id')
      .limit(q.limit)
      .offset(q.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: await recordingViews(db, rows), total: Number(count.n) };
}

function cdrOfRecording(db: TelephonyDb) {
  return db.selectFrom('call_cdrs as c').select('c.leg_id').where(sql<boolean>`c.leg_id = any(r.leg_ids)`);
}
