/** A piece of text and whether it is one of the matched search terms. */
export interface Segment {
  text: string;
  hit: boolean;
}

/**
 * Splits `text` into segments marking every occurrence of the matched terms (longest term wins
 * where terms overlap; Latin terms match case-insensitively). Single characters (大, 人) are marked
 * only when no longer term matched: marking every 人 in a text is noise. Pure, for the result list.
 */
export function highlightSegments(text: string, terms: readonly string[]): Segment[] {
  const trimmed = terms.map((t) => t.trim()).filter((t) => t.length > 0);
  const long = trimmed.filter((t) => t.length > 1);
  const words = [...new Set(long.length > 0 ? long : trimmed)].sort((a, b) => b.length - a.length);
  if (words.length === 0 || text === '') return text === '' ? [] : [{ text, hit: false }];
  const lower = text.toLowerCase();
  const marked = new Array<boolean>(text.length).fill(false);
  for (const w of words) {
    const lw = w.toLowerCase();
    for (let i = lower.indexOf(lw); i >= 0; i = lower.indexOf(lw, i + lw.length)) {
      for (let k = i; k < i + lw.length; k++) marked[k] = true;
    }
  }
  const out: Segment[] = [];
  for (let i = 0; i < text.length; i++) {
    const last = out[out.length - 1];
    if (last && last.hit === marked[i]) last.text += text[i];
    else out.push({ text: text[i]!, hit: marked[i]! });
  }
  return out;
}
