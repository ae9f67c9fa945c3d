import type { CaseIntake } from './case-model.ts';
import type { CategoryTree } from './category-tree.ts';
import type { DepartmentTree } from './department-tree.ts';

/** Kinds offered by default; an installation may pass its own list to `IncidentRepository`. */
export const DEFAULT_INCIDENT_KINDS = ['burst_main', 'planned_outage', 'water_quality', 'road_works', 'other'] as const;
export type IncidentKind = string;

/** 事件 status: `open` while it causes calls, `resolved` (with its end time) afterwards. */
export const IncidentStatus = { Open: 'open', Resolved: 'resolved' } as const;
export type IncidentStatus = (typeof IncidentStatus)[keyof typeof IncidentStatus];

/**
 * ```
 *   open ──resolve(endsAt)──▶ resolved
 *     ▲                          │
 *     └─────────reopen───────────┘   (the water is off again: the end time is cleared)
 * ```
 */
export const INCIDENT_TRANSITIONS: Record<IncidentStatus, readonly IncidentStatus[]> = {
  open: ['resolved'],
  resolved: ['open'],
};

export function canTransition(from: IncidentStatus, to: IncidentStatus): boolean {
  return INCIDENT_TRANSITIONS[from]?.includes(to) ?? false;
}

/** 事件: something in an area (a burst main, a planned outage) that causes many cases, grouped under it. */
export interface Incident {
  id: string;
  title: string;
  kind: IncidentKind;
  districtCode: string | null;
  streetCode: string | null;
  /** Category codes the incident typically causes (prefix match). */
  categoryPrefixes: string[];
  startsAt: number;
  /** Expected end while open (a planned outage), actual end once resolved. */
  endsAt: number | null;
  /** What agents read to callers (e.g. "预计 18:00 恢复供水"). */
  notice: string;
  status: IncidentStatus;
}

export const MAX_INCIDENT_TITLE = 100;
export const MAX_INCIDENT_NOTICE = 1000;
export const MAX_CATEGORY_PREFIXES = 20;

/** What an incident's checks consult: the configured kinds, the category and department trees. */
export interface IncidentContext {
  kinds: readonly string[];
  categories: CategoryTree;
  departments: DepartmentTree;
}

const regionOf = (ctx: IncidentContext, code: string, kind: 'district' | 'street') =>
  ctx.departments.all().find((d) => d.kind === kind && d.regionCode === code);

/** Problems of an incident's fields (area, categories, times), or none. Pure; never throws. */
export function incidentProblems(i: Omit<Incident, 'id'>, ctx: IncidentContext): string[] {
  const out: string[] = [];
  if (typeof i.title !== 'string' || i.title.trim() === '') out.push('title: required');
  else if (i.title.length > MAX_INCIDENT_TITLE) out.push(`title: longer than ${MAX_INCIDENT_TITLE}`);
  if (!ctx.kinds.includes(i.kind)) out.push(`kind: one of ${ctx.kinds.join(', ')}`);
  if (typeof i.notice !== 'string' || i.notice.length > MAX_INCIDENT_NOTICE) {
    out.push(`notice: at most ${MAX_INCIDENT_NOTICE} characters`);
  }
  const district = i.districtCode === null ? undefined : regionOf(ctx, i.districtCode, 'district');
  if (i.districtCode !== null && !district) out.push(`districtCode: unknown district ${i.districtCode}`);
  if (i.streetCode !== null) {
    const street = regionOf(ctx, i.streetCode, 'street');
    if (!street) out.push(`streetCode: unknown street ${i.streetCode}`);
    else if (i.districtCode === null) out.push('districtCode: required with a street');
    else if (district && street.parentId !== district.id) {
      out.push(`streetCode: ${i.streetCode} is not in district ${i.districtCode}`);
    }
  }
  if (!Array.isArray(i.categoryPrefixes) || i.categoryPrefixes.length > MAX_CATEGORY_PREFIXES) {
    out.push(`categoryPrefixes: at most ${MAX_CATEGORY_PREFIXES}`);
  } else {
    for (const p of i.categoryPrefixes) if (!ctx.categories.get(p)) out.push(`categoryPrefixes: unknown category ${p}`);
    if (new Set(i.categoryPrefixes).size !== i.categoryPrefixes.length) out.push('categoryPrefixes: listed twice');
  }
  if (!Number.isSafeInteger(i.startsAt) || i.startsAt <= 0) out.push('startsAt: not a time');
  if (i.endsAt !== null && (!Number.isSafeInteger(i.endsAt) || i.endsAt < i.startsAt)) {
    out.push('endsAt: not before startsAt');
  }
  if (i.status === 'resolved' && i.endsAt === null) out.push('endsAt: required once resolved');
  return out;
}

/** Whether a new case plausibly belongs to an open incident (same area, category, time window). */
export function incidentMatches(incident: Incident, intake: CaseIntake, at: number): boolean {
  if (incident.status !== 'open' || at < incident.startsAt) return false;
  if (incident.endsAt !== null && at > incident.endsAt) return false;
  if (incident.districtCode !== null && incident.districtCode !== intake.address.districtCode) return false;
  if (incident.streetCode !== null && incident.streetCode !== intake.address.streetCode) return false;
  return (
    incident.categoryPrefixes.length === 0 || incident.categoryPrefixes.some((p) => intake.categoryCode.startsWith(p))
  );
}

/** Open incidents a case may be linked to, most specific (street-level) first. */
export function suggestIncidents(incidents: readonly Incident[], intake: CaseIntake, at: number): Incident[] {
  return incidents
    .filter((i) => incidentMatches(i, intake, at))
    .sort((a, b) => Number(b.streetCode !== null) - Number(a.streetCode !== null) || b.startsAt - a.startsAt);
}
