import type { Category, TimeLimit, Urgency } from './model.ts';

/** A category as administrators see it (inactive ones included). */
export type AdminCategory = Category & { keywords: string[]; sort: number };
export type CategoryRow = AdminCategory & { level: number; children?: CategoryRow[] };

/** The tree rows (roots first, each level in display order). */
export function categoryRows(list: readonly AdminCategory[]): CategoryRow[] {
  const build = (parent: string | null, level: number): CategoryRow[] =>
    list
      .filter((c) => c.parentCode === parent)
      .sort((a, b) => a.sort - b.sort || a.code.localeCompare(b.code))
      .map((c) => {
        const children = level < 3 ? build(c.code, level + 1) : [];
        return { ...c, level, ...(children.length ? { children } : {}) };
      });
  return build(null, 1);
}

/**
 * The limit a category applies for an urgency, as the server resolves it: its own, else the
 * nearest ancestor's, else the tree default (`from` is the code that sets it, null for the default).
 */
export function effectiveLimit(
  list: readonly AdminCategory[],
  code: string,
  urgency: Urgency,
  defaults: Record<Urgency, TimeLimit>,
): { limit: TimeLimit; from: string | null } {
  for (let c = list.find((x) => x.code === code), n = 0; c && n < 4; n++) {
    const own = c.timeLimits[urgency];
    if (own) return { limit: own, from: c.code };
    const p = c.parentCode;
    c = p ? list.find((x) => x.code === p) : undefined;
  }
  return { limit: defaults[urgency], from: null };
}
