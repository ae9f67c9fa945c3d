/** A knowledge category as scopes read it. */
export interface ScopeCategory {
  id: string;
  parent_id: string | null;
  name: string;
}

/**
 * The chosen categories with all their sub-categories. Returns null when a chosen id is not a
 * category (the caller refuses it).
 */
export function categoryScope(cats: readonly ScopeCategory[], roots: readonly string[]): Set<string> | null {
  const ids = new Set(cats.map((c) => c.id));
  if (roots.some((r) => !ids.has(r))) return null;
  const inScope = new Set(roots);
  for (let grew = true; grew; ) {
    grew = false;
    for (const c of cats) {
      if (c.parent_id && inScope.has(c.parent_id) && !inScope.has(c.id)) {
        inScope.add(c.id);
        grew = true;
      }
    }
  }
  return inScope;
}
