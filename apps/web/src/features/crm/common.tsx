import type { Role } from '@hotline/contracts';
import { Tag, Tooltip } from 'antd';
import { useCallback } from 'react';
import { localTime } from '../../shared/format.ts';
import { useI18n } from '../../shared/i18n.tsx';
import { localizeProblem } from './problem-text.ts';
import type { CallerStatus } from './types.ts';

/** Who may do what (mirrors the API's access lists; the UI only hides, the API enforces). */
export const CRM_READERS: Role[] = ['admin', 'supervisor', 'agent', 'qa', 'leader'];
export const CRM_EDITORS: Role[] = ['admin', 'supervisor', 'agent'];
export const CRM_MANAGERS: Role[] = ['admin', 'supervisor'];

export { useHasRole } from '../../shared/auth.tsx';

/** `2026-11-21 09:05` in the browser's time zone. */
export const formatTime = (iso: string | null | undefined): string => localTime(iso);

/** The message of a failed request in the user's language. */
export function useErrorText(): (e: unknown) => string {
  const { t } = useI18n();
  return useCallback(
    (e: unknown) => t('common.error', { message: localizeProblem((e as Error).message ?? String(e), t) }),
    [t],
  );
}

const LIST_COLOR = { black: 'black', white: 'green', vip: 'gold' } as const;

/** Black/white/VIP tags for one number (reason in the tooltip). */
export function ListTags({ status }: { status: CallerStatus | null | undefined }) {
  const { t } = useI18n();
  if (!status) return null;
  return (
    <>
      {(['black', 'white', 'vip'] as const).map((l) => {
        const e = status[l];
        if (!e) return null;
        return (
          <Tooltip key={l} title={e.reason}>
            <Tag color={LIST_COLOR[l]} data-testid={`list-tag-${l}`}>
              {t(`crm.list.${l}`)}
            </Tag>
          </Tooltip>
        );
      })}
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
