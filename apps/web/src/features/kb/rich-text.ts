/** How an article body is stored (see docs/decisions/0252-kb-rich-text.md). */
export type BodyFormat = 'text' | 'html';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));

/**
 * A plain-text body as editor HTML: blank lines separate paragraphs, single line breaks stay
 * breaks, every character escaped. Opens an older article in the rich-text editor unchanged.
 */
export function textToHtml(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

/** Whether editor HTML holds any text (an editor left with `<p><br></p>` is empty). */
export function htmlHasText(html: string): boolean {
  return (
    html
      .replace(/<[^>]*>/g, '')
      .replace(/&nbsp;|&#160;|\s/g, '')
      .trim() !== ''
  );
}

/** The editor's content for a stored body. */
export function editorHtml(body: string, format: BodyFormat): string {
  return format === 'html' ? body : textToHtml(body);
}
