import type { CaseState } from './case-model.ts';
import { roundFacts } from './metrics.ts';
import type { CasePartiesTable, CaseRoundsTable, CasesRowTable } from './store-schema.ts';
import { type ClockRules, warnAt } from './time-limit.ts';

const d = (ms: number) => new Date(ms);
const dn = (ms: number | null) => (ms === null ? null : new Date(ms));

/** The queryable projection of a case: its row (with the folded state as JSON). */
export function caseRow(s: CaseState, open311Token: string | null = null): CasesRowTable {
  const i = s.intake;
  return {
    id: s.id,
    number: s.number,
    status: s.status,
    channel: i.channel,
    type: i.type,
    category_code: i.categoryCode,
    urgency: i.urgency,
    caller_name: i.caller.name,
    caller_phone: i.caller.phone,
    confidential: i.caller.confidential,
    district_code: i.address.districtCode,
    street_code: i.address.streetCode,
    address: i.address.text,
    lat: i.address.lat,
    lng: i.address.lng,
    description: i.description,
    round: s.round,
    parent_case_id: s.parentCaseId,
    incident_id: s.incidentId,
    open311_token: open311Token,
    created_at: d(s.createdAt),
    updated_at: d(s.updatedAt),
    closed_at: dn(s.closedAt),
    version: s.version,
    state: JSON.stringify(s),
  };
}

export function partyRows(s: CaseState, rules: ClockRules): CasePartiesTable[] {
  return s.parties.map((p) => ({
    id: p.id,
    case_id: s.id,
    department_id: p.departmentId,
    role: p.role,
    status: p.status,
    parent_party_id: p.parentPartyId,
    round: p.round,
    fallback: p.fallback,
    category_code: s.intake.categoryCode,
    region_code: s.intake.address.districtCode,
    dispatched_at: d(p.dispatchedAt),
    sign_clock_start: d(p.signClockStart),
    sign_deadline: d(p.signDeadline),
    sign_warn_at: d(warnAt(p.signClockStart, p.signDeadline, rules)),
    signed_at: dn(p.signedAt),
    finish_deadline: d(p.finishDeadline),
    finish_warn_at: d(warnAt(p.dispatchedAt, p.finishDeadline, rules)),
    return_count: p.returnCount,
    replied_at: dn(p.repliedAt),
    accepted_at: dn(p.acceptedAt),
    finished_on_time: p.finishedOnTime,
    withdrawn_at: dn(p.withdrawnAt),
    updated_at: d(s.updatedAt),
  }));
}

export function roundRows(s: CaseState): CaseRoundsTable[] {
  return roundFacts(s).map((r) => ({
    case_id: r.caseId,
    round: r.round,
    department_id: r.departmentId,
    category_code: r.categoryCode,
    region_code: r.regionCode,
    reviewed_at: d(r.reviewedAt),
    reached: r.reached,
    resolved: r.resolved,
    satisfaction: r.satisfaction,
  }));
}
