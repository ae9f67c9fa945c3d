import { Parser } from 'htmlparser2';

/**
 * Article bodies are a restricted HTML subset. `sanitizeHtml` re-writes any input into that subset
 * from the events of a real HTML tokenizer (htmlparser2, entities decoded), never by regex: only
 * allow-listed elements are emitted, with no attribute but a checked `href` and numeric table spans;
 * text is re-escaped; every emitted element is closed. Pure, never throws.
 */

/** Element → what is emitted (aliases normalise what browsers' editing produces: b → strong, div → p). */
const ALLOWED: Record<string, string> = {
  p: 'p',
  div: 'p',
  h1: 'h2',
  h2: 'h2',
  h3: 'h3',
  h4: 'h4',
  h5: 'h4',
  h6: 'h4',
  blockquote: 'blockquote',
  ul: 'ul',
  ol: 'ol',
  li: 'li',
  strong: 'strong',
  b: 'strong',
  em: 'em',
  i: 'em',
  u: 'u',
  s: 's',
  strike: 's',
  del: 's',
  a: 'a',
  br: 'br',
  table: 'table',
  thead: 'thead',
  tbody: 'tbody',
  tr: 'tr',
  th: 'th',
  td: 'td',
};

/** Elements dropped together with everything inside them. */
const DROP_WITH_CONTENT = new Set([
  'script',
  'style',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'noscript',
  'noembed',
  'noframes',
  'template',
  'textarea',
  'select',
  'option',
  'title',
  'head',
  'svg',
  'math',
  'xmp',
  'plaintext',
  'canvas',
  'video',
  'audio',
  'button',
]);

/** Elements that must sit inside a given parent (else the tag is dropped, its text kept). */
const PARENTS: Record<string, readonly string[]> = {
  li: ['ul', 'ol'],
  thead: ['table'],
  tbody: ['table'],
  tr: ['table', 'thead', 'tbody'],
  th: ['tr'],
  td: ['tr'],
};

const VOID = new Set(['br', 'img', 'hr', 'input', 'wbr', 'col', 'area', 'base', 'link', 'meta', 'source', 'track']);
const MAX_DEPTH = 40;
const MAX_SPAN = 20;

export function escapeHtmlText(text: string): string {
  return text.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

/** An `href` worth keeping: http(s), mailto, tel, a site path or a fragment — nothing else. */
export function safeHref(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  const href = raw.trim();
  if (href === '' || href.length > 2000) return null;
  // browsers drop tabs and newlines inside URLs (java\tscript:); any control character is refused
  if (/[\u0000-\u001f\u007f-\u009f]/.test(href)) return null;
  if (/^(https?:\/\/|mailto:|tel:)/i.test(href)) return href;
  if (/^\/(?![/\\])/.test(href) || href.startsWith('#')) return href;
  return null;
}

function span(value: string | undefined): number | null {
  if (value === undefined || !/^\d{1,2}$/.test(value.trim())) return null;
  const n = Number(value.trim());
  return n >= 2 && n <= MAX_SPAN ? n : null;
}

export function sanitizeHtml(input: string): string {
  let out = '';
  /** One entry per element the tokenizer opened: the emitted name, or null when nothing was emitted. */
  const stack: Array<string | null> = [];
  let dropping = 0;
  const emittedParent = (): string | null => {
    for (let i = stack.length - 1; i >= 0; i--) if (stack[i]) return stack[i]!;
    return null;
  };
  const depth = () => stack.reduce((n, s) => (s ? n + 1 : n), 0);
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (dropping > 0 || DROP_WITH_CONTENT.has(name)) {
          if (!VOID.has(name)) dropping++;
          return;
        }
        const tag = ALLOWED[name];
        const parents = tag ? PARENTS[tag] : undefined;
        const placed = tag && (!parents || parents.includes(emittedParent() ?? ''));
        if (tag === 'br') {
          out += '<br>';
          stack.push(null);
          return;
        }
        if (!tag || !placed || depth() >= MAX_DEPTH) {
          stack.push(null);
          return;
        }
        if (tag === 'a') {
          const href = safeHref(attrs.href);
          if (!href) {
            stack.push(null);
            return;
          }
          out += `<a href="${escapeHtmlText(href)}" target="_blank" rel="noopener noreferrer">`;
        } else if (tag === 'td' || tag === 'th') {
          const cs = span(attrs.colspan);
          const rs = span(attrs.rowspan);
          out += `<${tag}${cs ? ` colspan="${cs}"` : ''}${rs ? ` rowspan="${rs}"` : ''}>`;
        } else {
          out += `<${tag}>`;
        }
        stack.push(tag);
      },
      ontext(text) {
        if (dropping === 0) out += escapeHtmlText(text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, ''));
      },
      onclosetag(name) {
        if (dropping > 0) {
          if (!VOID.has(name)) dropping--;
          return;
        }
        const tag = stack.pop();
        if (tag && tag !== 'br') out += `</${tag}>`;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: false },
  );
  parser.write(input);
  parser.end();
  while (stack.length > 0) {
    const tag = stack.pop();
    if (tag && tag !== 'br') out += `</${tag}>`;
  }
  return out;
}
