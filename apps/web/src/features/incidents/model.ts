import type { IncidentSchema, IncidentSummarySchema, LinkedCaseSchema } from '@hotline/contracts';
import {
  type CaseCatalog,
  type CatalogCategory,
  type CatalogDepartment,
  categoryName,
  placeName,
  regionDepartment,
  useCaseCatalog,
} from '../../shared/case-catalog.ts';
import { localTime } from '../../shared/format.ts';

/**
 * Incidents (事件) as the API returns them: the contracts' response schemas (a type-only import,
 * nothing of zod reaches the bundle); times are epoch milliseconds.
 */
export type Incident = ReturnType<typeof IncidentSchema.parse>;
export type IncidentSummary = ReturnType<typeof IncidentSummarySchema.parse>;
export type LinkedCase = ReturnType<typeof LinkedCaseSchema.parse>;
export type IncidentDetail = IncidentSummary & { cases: LinkedCase[] };

/** Access as the API has it (the UI only hides, the API enforces). */
export const READERS = ['admin', 'supervisor', 'agent', 'qa', 'leader'] as const;
export const EDITORS = ['admin', 'supervisor'];
export const LINKERS = ['admin', 'supervisor', 'agent'];

/** Kinds with a label in the bundles; a configured kind without one shows its code. */
export const KNOWN_KINDS = ['burst_main', 'planned_outage', 'water_quality', 'road_works', 'other'];
export const KIND_COLOR: Record<string, string> = {
  burst_main: 'red',
  planned_outage: 'blue',
  water_quality: 'gold',
  road_works: 'purple',
};

export type Catalog = CaseCatalog;

/** Categories and the district/street tree (from the case catalog), fetched once per page load. */
export const useCatalog = () => useCaseCatalog();

export function regionName(cat: Catalog | null, code: string | null): string {
  if (!code) return '';
  const d = regionDepartment(cat, code);
  return d ? placeName(d.name) : code;
}

/** The street ("东城区和平街道", its name holds the district's), the district, or '' for the whole city. */
export function areaName(cat: Catalog | null, i: Pick<Incident, 'districtCode' | 'streetCode'>): string {
  return regionName(cat, i.streetCode) || regionName(cat, i.districtCode);
}

export { categoryName };

/** District and street options of the catalog (streets of the chosen district only). */
export function regionOptions(cat: Catalog | null, districtCode: string | null | undefined) {
  const depts = cat?.departments ?? [];
  const districts = depts.filter((d) => d.kind === 'district' && d.regionCode);
  const parent = districts.find((d) => d.regionCode === districtCode)?.id;
  const streets = depts.filter((d) => d.kind === 'street' && d.regionCode && d.parentId === parent);
  const opt = (d: CatalogDepartment) => ({ value: d.regionCode!, label: placeName(d.name) });
  return { districts: districts.map(opt), streets: streets.map(opt) };
}

/** Category options down to the second level ("供水", "供水 / 停水"): incidents match by prefix. */
export function prefixOptions(cat: Catalog | null, en: boolean) {
  const cats = (cat?.categories ?? []).filter((c) => c.active);
  const name = (c: CatalogCategory) => (en && c.nameEn ? c.nameEn : c.name);
  const out: { value: string; label: string }[] = [];
  for (const top of cats.filter((c) => c.parentCode === null)) {
    out.push({ value: top.code, label: name(top) });
    for (const sub of cats.filter((c) => c.parentCode === top.code)) {
      out.push({ value: sub.code, label: `${name(top)} / ${name(sub)}` });
    }
  }
  return out;
}

/** Local "YYYY-MM-DD HH:mm". */
export const fmtTime = (ms: number | null | undefined): string => localTime(ms);

export const MINUTE_PATTERN = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/;
/** Local "YYYY-MM-DD HH:mm" → epoch ms, or null when empty or not a time. */
export function parseTime(s: string | undefined | null): number | null {
  if (!s?.trim() || !MINUTE_PATTERN.test(s.trim())) return null;
  const ms = new Date(s.trim().replace(' ', 'T')).getTime();
  return Number.isNaN(ms) ? null : ms;
}
