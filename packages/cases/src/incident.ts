import type { CaseIntake } from './case-model.ts';

/** 事件: something in an area (a burst main, a planned outage) that causes many cases, grouped under it. */
export interface Incident {
  id: string;
  title: string;
  kind: 'burst_main' | 'planned_outage' | 'road_works' | 'other';
  districtCode: string | null;
  streetCode: string | null;
  /** Category codes the incident typically causes (prefix match). */
  categoryPrefixes: string[];
  startsAt: number;
  endsAt: number | null;
  /** What agents read to callers (e.g. "预计 18:00 恢复供水"). */
  notice: string;
  status: 'open' | 'resolved';
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
