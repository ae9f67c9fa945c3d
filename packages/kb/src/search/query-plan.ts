import type { Segmenter } from './segmenter.ts';
import type { SynonymTable, WeightedTerm } from './synonyms.ts';

/** A user's text turned into weighted search terms (same segmentation as the index). */
export interface QueryPlan {
  text: string;
  tokens: string[];
  terms: WeightedTerm[];
  /** Set when the text looks like pinyin initials (`tscx`). */
  initials: string | null;
}

const MAX_QUERY = 2_000;
const MAX_TERMS = 64;

export function planQuery(seg: Segmenter, synonyms: SynonymTable, text: string): QueryPlan {
  const t = typeof text === 'string' ? text.slice(0, MAX_QUERY).trim() : '';
  const tokens = [...new Set(seg.tokens(t))];
  const latin = t.toLowerCase();
  return {
    text: t,
    tokens,
    terms: synonyms.expand(tokens).slice(0, MAX_TERMS),
    initials: /^[a-z]{2,12}$/.test(latin) ? latin : null,
  };
}
