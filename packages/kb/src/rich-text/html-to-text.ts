import { Parser } from 'htmlparser2';

/** How an article body is stored: plain text (older articles, imports) or sanitised HTML. */
export type BodyFormat = 'text' | 'html';
export const BODY_FORMATS: readonly BodyFormat[] = ['text', 'html'];

const BLOCKS = new Set([
  'p',
  'div',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'ul',
  'ol',
  'li',
  'table',
  'thead',
  'tbody',
  'tr',
  'br',
  'hr',
]);
const CELLS = new Set(['td', 'th']);
const HIDDEN = new Set(['script', 'style', 'template', 'noscript', 'title', 'head']);

/**
 * The text of an HTML fragment (entities decoded, no tags): block elements end a line, table cells
 * are separated by a space, hidden elements contribute nothing. What search indexes and quizzes quote.
 */
export function htmlToText(html: string): string {
  let out = '';
  let hidden = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (HIDDEN.has(name)) hidden++;
        else if (BLOCKS.has(name)) out += '\n';
        else if (CELLS.has(name)) out += ' ';
      },
      ontext(text) {
        if (hidden === 0) out += text;
      },
      onclosetag(name) {
        if (HIDDEN.has(name)) hidden = Math.max(0, hidden - 1);
        else if (BLOCKS.has(name)) out += '\n';
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  return out
    .replace(/[ \t\u00a0\u3000]+/g, ' ')
    .replace(/ *\n[\n ]*/g, '\n')
    .trim();
}

/** The readable text of a body in either format. */
export function bodyText(body: string, format: BodyFormat): string {
  return format === 'html' ? htmlToText(body) : body.trim();
}
