import { Typography } from 'antd';
import { RichStyles } from './rich-styles.tsx';
import type { BodyFormat } from './rich-text.ts';

/**
 * An article body as readers see it: HTML bodies are rendered (the server stored them sanitised to
 * an allow-list: no script, no attributes but checked links), text bodies as text with line breaks.
 */
export function RichBody({ body, format, testId }: { body: string; format: BodyFormat; testId?: string }) {
  if (format === 'html') {
    return (
      <>
        <RichStyles />
        <div
          className="kb-rich"
          data-testid={testId}
          // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised on the server (packages/kb sanitizeHtml)
          dangerouslySetInnerHTML={{ __html: body }}
        />
      </>
    );
  }
  return (
    <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', fontSize: 15, lineHeight: 1.8 }} data-testid={testId}>
      {body}
    </Typography.Paragraph>
  );
}
