import { type Actor, type CaseState, canView, isCenter, maskPhone } from '@hotline/cases';
import {
  CaseCallCandidatesQuery,
  CaseCallCandidatesResponse,
  CaseIdParams,
  CaseLinksResponse,
  type CdrQuery,
  type Role,
} from '@hotline/contracts';
import { ErrorCode, HotlineError } from '@hotline/core';
import { type Kysely, sql } from '@hotline/store';
import { type TelephonyTables, telephonyDb } from '../../switch/telephony-store.ts';
import { defineRoute } from '../define-route.ts';
import { actorOf } from './cases.ts';
import { casesRepository } from './cases-repository.ts';
import type { RouteModule } from './module.ts';
import { RECORDING_ROLES } from './telephony-recordings.ts';
import { searchCdrs, type TelephonyDb } from './telephony-recordings-query.ts';

const ALL: Role[] = ['admin', 'supervisor', 'agent', 'qa', 'department', 'leader'];
/** Who may link calls: whoever may send the case command `link`. */
const LINKERS: Role[] = ['admin', 'supervisor', 'agent'];
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/**
 * The calls and recordings linked to a case (`link` command, kind call|recording): calls from the
 * CDRs (a call ref is a leg id or a SIP Call-ID), recordings by id plus those of the linked calls.
 * Playing goes through the recording play grant (admin, supervisor, qa); others see that a
 * recording exists. A confidential caller's numbers are masked for users outside the center.
 */
export async function caseLinks(db: Kysely<TelephonyTables>, s: CaseState, actor: Actor): Promise<CaseLinksResponse> {
  const callRefs = [...new Set(s.links.filter((l) => l.kind === 'call').map((l) => l.ref))];
  const recordingRefs = [...new Set(s.links.filter((l) => l.kind === 'recording').map((l) => l.ref))];
  const cdrs =
    callRefs.length === 0
      ? []
      : await db
          .selectFrom('call_cdrs')
          .selectAll()
          .where((eb) => eb.or([eb('leg_id', 'in', callRefs), eb('call_id', 'in', callRefs)]))
          .orderBy('started_at')
          .limit(200)
          .execute();
  const legIds = cdrs.map((c) => c.leg_id);
  const recs =
    recordingRefs.length === 0 && legIds.length === 0
      ? []
      : await db
          .selectFrom('call_recordings')
          .select(['id', 'started_at', 'duration_ms'])
          .where((eb) =>
            eb.or([
              ...(recordingRefs.length ? [eb('id', 'in', recordingRefs)] : []),
              ...(legIds.length ? [sql<boolean>`leg_ids && array[${sql.join(legIds)}]::text[]`] : []),
            ]),
          )
          .orderBy('started_at')
          .limit(200)
          .execute();
  const mask = !isCenter(actor) && s.intake.caller.confidential;
  const number = (n: string) => (mask ? maskPhone(n) : n);
  const ref = (c: (typeof cdrs)[number]) => (callRefs.includes(c.leg_id) ? c.leg_id : c.call_id);
  const found = new Set(recs.map((r) => r.id));
  return {
    calls: cdrs.map((c) => ({
      ref: ref(c),
      legId: c.leg_id,
      direction: c.direction,
      caller: number(c.caller),
      callee: number(c.callee),
      startedAt: iso(c.started_at)!,
      answeredAt: iso(c.answered_at),
      durationMs: c.answered_at ? new Date(c.ended_at).getTime() - new Date(c.answered_at).getTime() : 0,
    })),
    unmatchedCalls: callRefs.filter((r) => !cdrs.some((c) => c.leg_id === r || c.call_id === r)),
    recordings: [
      ...recs.map((r) => ({
        ref: r.id,
        id: r.id,
        startedAt: iso(r.started_at),
        durationMs: r.duration_ms,
      })),
      ...recordingRefs
        .filter((r) => !found.has(r))
        .map((r) => ({ ref: r, id: null, startedAt: null, durationMs: null })),
    ],
    canPlay: actor.roles.some((r) => (RECORDING_ROLES as readonly string[]).includes(r)),
  };
}

export const caseLinkRoutes: RouteModule = (app, table, deps) => {
  const repo = casesRepository(deps);
  const db = telephonyDb(deps.store);
  defineRoute(app, table, {
    method: 'GET',
    url: '/api/v1/cases/:id/links',
    summary: 'Calls (from CDRs) and recordings linked to a case; playing needs a recording grant',
    tags: ['cases'],
    access: ALL,
    params: CaseIdParams,
    response: CaseLinksResponse,
    handler: async ({ params, auth }) => {
      const actor = actorOf(auth);
      const s = await repo.get(params.id);
      if (!s || !canView(actor, s)) throw new HotlineError(ErrorCode.NotFound, 'case not found');
      return caseLinks(db, s, actor);
    },
  });

  defineRoute(app, table, {
    method: 'GET',
    url: '/api/v1/cases/:id/call-candidates',
    summary: "Calls to link to a case: CDR legs of the caller's number (or ?number=) within ?from=&to=, newest first",
    tags: ['cases'],
    access: LINKERS,
    params: CaseIdParams,
    query: CaseCallCandidatesQuery,
    response: CaseCallCandidatesResponse,
    handler: async ({ params, query, auth }) => {
      const actor = actorOf(auth);
      const s = await repo.get(params.id);
      if (!s || !canView(actor, s)) throw new HotlineError(ErrorCode.NotFound, 'case not found');
      const number = query.number ?? s.intake.caller.phone?.replace(/[\s-]/g, '') ?? null;
      if (number === null && !query.from && !query.to) return { number, items: [], total: 0 };
      const q = {
        number: number ?? undefined,
        from: query.from,
        to: query.to,
        limit: query.limit,
        offset: query.offset,
      };
      const page = await searchCdrs(db as unknown as TelephonyDb, q as CdrQuery, { withRecordings: false });
      const linked = new Set(s.links.filter((l) => l.kind === 'call').map((l) => l.ref));
      return {
        number,
        total: page.total,
        items: page.items.map((c) => ({
          legId: c.legId,
          callId: c.callId,
          direction: c.direction,
          caller: c.caller,
          callee: c.callee,
          startedAt: c.startedAt,
          answeredAt: c.answeredAt,
          talkSeconds: c.talkSeconds,
          agentName: c.agentName,
          linked: linked.has(c.legId) || linked.has(c.callId),
        })),
      };
    },
  });
};
