import type { Role } from '@hotline/contracts';
import { Tag } from 'antd';
import { useCallback } from 'react';
import { localTime } from '../../shared/format.ts';
import { useI18n } from '../../shared/i18n.tsx';
import { highlightSegments } from './highlight.ts';
import type { ArticleStatus } from './types.ts';

/** Access as the API has it (the UI only hides, the API enforces). */
export const KB_ALL: Role[] = ['admin', 'supervisor', 'agent', 'qa', 'department', 'leader'];
/** 采编: draft, edit, submit, revise. */
export const KB_EDITORS: Role[] = ['admin', 'supervisor', 'department'];
/** 审核: approve, reject, archive, restore. */
export const KB_REVIEWERS: Role[] = ['admin', 'supervisor'];
/** 培训测验: operators take quizzes. */
export const KB_TRAINEES: Role[] = ['agent'];
/** 培训成绩: team leads, quality inspectors and admins read the results. */
export const KB_TRAINERS: Role[] = ['admin', 'supervisor', 'qa'];

export { useHasRole } from '../../shared/auth.tsx';

export const formatTime = (iso: string | null | undefined): string => localTime(iso);

export function useErrorText(): (e: unknown) => string {
  const { t } = useI18n();
  return useCallback((e: unknown) => t('common.error', { message: (e as Error).message ?? String(e) }), [t]);
}

const STATUS_COLOR: Record<ArticleStatus, string> = {
  draft: 'default',
  review: 'orange',
  published: 'green',
  archived: 'gray',
};

export function StatusTag({ status }: { status: ArticleStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={STATUS_COLOR[status]} data-testid="article-status">
      {t(`kb.status.${status}`)}
    </Tag>
  );
}

/** 有效期: "长期有效", "2026-11-01 起", "至 2027-03-01", or both ends. */
export function useValidity(): (from: string | null, to: string | null) => string {
  const { t } = useI18n();
  return useCallback(
    (from: string | null, to: string | null) => {
      if (from && to) return t('kb.valid.range', { from, to });
      if (from) return t('kb.valid.from', { from });
      if (to) return t('kb.valid.to', { to });
      return t('kb.valid.always');
    },
    [t],
  );
}

export function Highlight({ text, terms }: { text: string; terms: readonly string[] }) {
  return (
    <>
      {highlightSegments(text, terms).map((s, i) =>
        s.hit ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: segments are positional and never reorder
          <mark key={i} style={{ padding: 0, background: '#ffe58f' }}>
            {s.text}
          </mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: segments are positional and never reorder
          <span key={i}>{s.text}</span>
        ),
      )}
    </>
  );
}

/** The form's values, or null when a rule failed (antd shows the messages beside the fields). */
export async function validValues<T>(form: { validateFields(): Promise<T> }): Promise<T | null> {
  try {
    return await form.validateFields();
  } catch {
    return null;
  }
}
