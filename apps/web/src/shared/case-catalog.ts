import { useEffect, useState } from 'react';
import { get } from './api.ts';

/**
 * The case catalog (`GET /api/v1/case-catalog`): the category tree and the department tree, whose
 * district and street departments carry the region codes. Only the fields every reader uses; the
 * cases feature types the rest (time limits, calendar years).
 */
export interface CatalogCategory {
  code: string;
  parentCode: string | null;
  name: string;
  nameEn: string | null;
  active: boolean;
}
export interface CatalogDepartment {
  id: string;
  parentId: string | null;
  name: string;
  kind: string;
  regionCode: string | null;
}
export interface CaseCatalog {
  categories: CatalogCategory[];
  departments: CatalogDepartment[];
}

let cached: Promise<CaseCatalog> | null = null;

/** The case catalog, fetched once per page load for every feature that reads it; null until it arrives. */
export function useCaseCatalog<T extends CaseCatalog = CaseCatalog>(): T | null {
  const [c, setC] = useState<T | null>(null);
  useEffect(() => {
    cached ??= get<CaseCatalog>('/api/v1/case-catalog').catch((e: unknown) => {
      cached = null;
      throw e;
    });
    void cached.then(
      (x) => setC(x as T),
      () => undefined,
    );
  }, []);
  return c;
}

/** A region department's name as a place ("东城区人民政府" → "东城区"). */
export const placeName = (name: string) => name.replace(/人民政府$/, '');

/** The district or street department of a region code. */
export function regionDepartment(cat: CaseCatalog | null, code: string | null): CatalogDepartment | undefined {
  if (!code) return undefined;
  return cat?.departments.find((d) => d.regionCode === code && (d.kind === 'district' || d.kind === 'street'));
}

/** A category's name in the UI language (English when it has one), or its code when unknown. */
export function categoryName(cat: CaseCatalog | null, code: string, en: boolean): string {
  const c = cat?.categories.find((x) => x.code === code);
  return c ? (en && c.nameEn ? c.nameEn : c.name) : code;
}
