import type { Urgency } from './case-model.ts';
import { isValidDuration, type TimeLimit } from './time-limit.ts';

/** 诉求分类: one node of the configurable three-level category tree (大类/中类/小类) with codes. */
export interface Category {
  code: string;
  parentCode: string | null;
  name: string;
  nameEn: string | null;
  /** Synonyms used for search, classification and Open311 `keywords`. */
  keywords: string[];
  /** Time limits by urgency; a missing entry is inherited from the parent, then the tree default. */
  timeLimits: Partial<Record<Urgency, TimeLimit>>;
  active: boolean;
}

export const MAX_CATEGORY_DEPTH = 3;

export interface CategoryProblem {
  code: string;
  problem: string;
}

/** Read-only view of the category tree with time-limit resolution. */
export class CategoryTree {
  readonly #byCode = new Map<string, Category>();
  readonly defaults: Record<Urgency, TimeLimit>;

  constructor(categories: readonly Category[], defaults: Record<Urgency, TimeLimit>) {
    for (const c of categories) this.#byCode.set(c.code, c);
    this.defaults = defaults;
  }

  get(code: string): Category | undefined {
    return this.#byCode.get(code);
  }

  all(): Category[] {
    return [...this.#byCode.values()];
  }

  children(code: string | null): Category[] {
    return this.all().filter((c) => c.parentCode === code);
  }

  /** Ancestors from the root down to `code` itself. */
  path(code: string): Category[] {
    const out: Category[] = [];
    for (let c = this.#byCode.get(code); c && out.length <= MAX_CATEGORY_DEPTH; ) {
      out.unshift(c);
      c = c.parentCode ? this.#byCode.get(c.parentCode) : undefined;
    }
    return out;
  }

  depth(code: string): number {
    return this.path(code).length;
  }

  isLeaf(code: string): boolean {
    return this.children(code).length === 0;
  }

  /** The time limit for a category and urgency: nearest ancestor that sets one, else the default. */
  timeLimit(code: string, urgency: Urgency): TimeLimit {
    const path = this.path(code);
    for (let i = path.length - 1; i >= 0; i--) {
      const t = path[i]?.timeLimits[urgency];
      if (t) return t;
    }
    return this.defaults[urgency];
  }

  /** Structural problems: unknown parents, cycles/too deep, duplicate codes are impossible by construction. */
  validate(): CategoryProblem[] {
    const problems: CategoryProblem[] = [];
    for (const c of this.#byCode.values()) {
      if (c.parentCode !== null && !this.#byCode.has(c.parentCode)) {
        problems.push({ code: c.code, problem: `unknown parent ${c.parentCode}` });
      }
      // Levels counted from the node itself: each ancestor adds one.
      let depth = 2;
      for (let p = c.parentCode; p !== null; depth++) {
        if (depth > MAX_CATEGORY_DEPTH) {
          problems.push({ code: c.code, problem: `deeper than ${MAX_CATEGORY_DEPTH} levels or cyclic` });
          break;
        }
        p = this.#byCode.get(p)?.parentCode ?? null;
      }
      for (const [u, t] of Object.entries(c.timeLimits)) {
        if (t && !(isValidDuration(t.sign) && isValidDuration(t.finish))) {
          problems.push({ code: c.code, problem: `invalid time limit for ${u}` });
        }
      }
    }
    return problems;
  }
}
