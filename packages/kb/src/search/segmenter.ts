import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { HOTLINE_WORDS, STOPWORDS } from './domain-dictionary.ts';

/**
 * Chinese word segmentation for the knowledge base. One mode everywhere: `cut(text, true)` (HMM on)
 * at index time and at query time — with HMM off jieba splits unknown words such as 工单 into 工/单,
 * and a document indexed one way is never found by a query cut the other way.
 */
export interface Segmenter {
  /** Search tokens: lower-cased words of letters or digits, stopwords removed, in text order. */
  tokens(text: string): string[];
  /** Adds words (e.g. synonyms or article tags an editor entered) to the dictionary. */
  addWords(words: readonly string[]): void;
}

/** Frequency given to domain words: high enough to win over jieba's general splits. */
const DOMAIN_WORD_FREQ = 50_000;
const MAX_TEXT = 100_000;
const WORD = /^[\p{L}\p{N}]+$/u;

export function createSegmenter(extraWords: readonly string[] = []): Segmenter {
  const jieba = Jieba.withDict(dict);
  const known = new Set<string>();
  const addWords = (words: readonly string[]): void => {
    const fresh = words.map((w) => w.trim()).filter((w) => w !== '' && !/\s/.test(w) && !known.has(w));
    if (fresh.length === 0) return;
    for (const w of fresh) known.add(w);
    jieba.loadDict(Buffer.from(fresh.map((w) => `${w} ${DOMAIN_WORD_FREQ} n`).join('\n')));
  };
  addWords(HOTLINE_WORDS);
  addWords(extraWords);
  return {
    addWords,
    tokens(text: string): string[] {
      if (typeof text !== 'string' || text === '') return [];
      const out: string[] = [];
      for (const raw of jieba.cutForSearch(text.slice(0, MAX_TEXT).normalize('NFKC'), true)) {
        const t = raw.trim().toLowerCase();
        if (t === '' || !WORD.test(t) || STOPWORDS.has(t)) continue;
        out.push(t);
      }
      return out;
    },
  };
}

let shared: Segmenter | null = null;

/** The process-wide segmenter (jieba's dictionary takes ~130 ms to load; load it once). */
export function defaultSegmenter(): Segmenter {
  shared ??= createSegmenter();
  return shared;
}
