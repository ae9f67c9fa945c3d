/** A department node (foundation `departments` table): city → district → street, plus units. */
export interface Department {
  id: string;
  parentId: string | null;
  code: string;
  name: string;
  kind: 'center' | 'city' | 'district' | 'street' | 'unit';
  regionCode: string | null;
  active: boolean;
}

/** Snapshot of the department hierarchy used for ownership checks and re-dispatch down the chain. */
export class DepartmentTree {
  readonly #byId = new Map<string, Department>();

  constructor(departments: readonly Department[]) {
    for (const d of departments) this.#byId.set(d.id, d);
  }

  get(id: string): Department | undefined {
    return this.#byId.get(id);
  }

  all(): Department[] {
    return [...this.#byId.values()];
  }

  /** True when `id` lies strictly below `ancestorId`. */
  isDescendant(id: string, ancestorId: string): boolean {
    let cur = this.#byId.get(id);
    for (let guard = 0; cur && guard < 32; guard++) {
      if (cur.parentId === ancestorId) return true;
      cur = cur.parentId ? this.#byId.get(cur.parentId) : undefined;
    }
    return false;
  }

  /** The district-level fallback (兜底) department for a region code, if one exists. */
  fallbackFor(regionCode: string | null): Department | undefined {
    if (!regionCode) return undefined;
    return this.all().find((d) => d.active && d.kind === 'district' && d.regionCode === regionCode);
  }
}
