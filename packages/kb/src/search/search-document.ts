import { pinyin } from 'pinyin-pro';
import { type BodyFormat, bodyText, htmlToText } from '../rich-text/html-to-text.ts';
import type { Segmenter } from './segmenter.ts';

/** What the ranker needs of an article: its tokens per field, kept with the row. */
export interface SearchDocument {
  id: string;
  title: string;
  titleTerms: string[];
  /** Tags, synonyms, category name and standard keywords an editor attached. */
  keywordTerms: string[];
  bodyTerms: string[];
  /** Pinyin initials of the title, `tscx` for 停水查询 (for operators typing initials). */
  initials: string;
}

export interface IndexableArticle {
  id: string;
  title: string;
  body: string;
  /** Plain text is indexed as written; HTML (the default, for imports) by its text. */
  format?: BodyFormat;
  keywords: readonly string[];
}

const MAX_BODY_TERMS = 2_000;

/** HTML body → plain text on one line for segmentation (a real tokenizer: no tags, entities decoded). */
export function plainText(body: string): string {
  return htmlToText(body).replace(/\s+/g, ' ').trim();
}

/** Pinyin first letters of the Han characters (other letters and digits kept, lower-cased). */
export function pinyinInitials(text: string): string {
  const letters = pinyin(text, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' });
  return letters
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

export function buildSearchDocument(seg: Segmenter, a: IndexableArticle): SearchDocument {
  const body = a.format === 'text' ? bodyText(a.body, 'text').replace(/\s+/g, ' ') : plainText(a.body);
  return {
    id: a.id,
    title: a.title,
    titleTerms: seg.tokens(a.title),
    keywordTerms: a.keywords.flatMap((k) => seg.tokens(k)),
    bodyTerms: seg.tokens(body).slice(0, MAX_BODY_TERMS),
    initials: pinyinInitials(a.title),
  };
}

/** Every distinct term of a document (what the df table and the tsvector hold). */
export function documentTerms(d: SearchDocument): string[] {
  return [...new Set([...d.titleTerms, ...d.keywordTerms, ...d.bodyTerms])];
}

/**
 * PostgreSQL `tsvector` literal with positions and weights (A title, B keywords, D body), built here
 * rather than by `to_tsvector` so that the database never re-parses Chinese: the lexemes are exactly
 * the jieba tokens. Cast with `$1::tsvector`.
 */
export function toTsvectorLiteral(d: SearchDocument): string {
  const pos = new Map<string, string[]>();
  let p = 1;
  const add = (terms: readonly string[], w: string): void => {
    for (const t of terms) {
      const list = pos.get(t) ?? [];
      if (list.length < 16 && p <= 16_383) list.push(`${p}${w}`);
      pos.set(t, list);
      p++;
    }
  };
  add(d.titleTerms, 'A');
  add(d.keywordTerms, 'B');
  add(d.bodyTerms, 'D');
  return [...pos.entries()]
    .map(([t, ps]) => (ps.length > 0 ? `${quoteLexeme(t)}:${ps.join(',')}` : quoteLexeme(t)))
    .join(' ');
}

/** tsquery literal `'a' | 'b'` matching any of the terms. */
export function toOrTsquery(terms: readonly string[]): string {
  return terms.map(quoteLexeme).join(' | ');
}

function quoteLexeme(t: string): string {
  return `'${t.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}
