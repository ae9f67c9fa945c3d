import type { CdrView, Role } from '@hotline/contracts';
import { App, type FormInstance } from 'antd';
import { useCallback } from 'react';
import { localTime } from '../../shared/format.ts';
import { useI18n } from '../../shared/i18n.tsx';

/** Who may see what (mirrors the API's access lists; the UI only hides, the API enforces). */
export const CDR_READERS: Role[] = ['admin', 'supervisor', 'qa', 'leader'];
export const RECORDING_ROLES: Role[] = ['admin', 'supervisor', 'qa'];
export const SWITCH_ADMINS: Role[] = ['admin'];
export const STATUS_READERS: Role[] = ['admin', 'supervisor'];

export { useHasRole } from '../../shared/auth.tsx';

const pad = (n: number) => String(n).padStart(2, '0');
/** `2026-11-21 09:05:07` in the browser's time zone. */
export const formatTime = (iso: string | number | null | undefined): string => localTime(iso, true);

/** Seconds as `45 秒` / `2 分 05 秒`. */
export function useDuration(): (seconds: number) => string {
  const { t } = useI18n();
  return useCallback(
    (seconds: number) => {
      const s = Math.round(seconds);
      return s < 60 ? t('tel.seconds', { n: s }) : t('tel.minSec', { m: Math.floor(s / 60), s: pad(s % 60) });
    },
    [t],
  );
}

const KNOWN_Q850 = new Set([1, 3, 16, 17, 18, 19, 20, 21, 22, 27, 28, 31, 34, 38, 41, 42, 47, 57, 65, 102, 127]);

/** A CDR's end as words: the Q.850 cause in the user's language (a caller who gave up: "hung up before answer"). */
export function useCauseText(): (c: Pick<CdrView, 'q850' | 'sipStatus' | 'answeredAt'>) => string {
  const { t } = useI18n();
  return useCallback(
    (c) => {
      if (!c.answeredAt && c.sipStatus === 487) return t('tel.cause.cancelled');
      return KNOWN_Q850.has(c.q850) ? t(`tel.q850.${c.q850}`) : t('tel.cause.other', { code: c.q850 });
    },
    [t],
  );
}

/** After a configuration change: says whether the switch got it now or will on reconnect. */
export function usePushNotice(): (r: { switch: { connected: boolean } }) => void {
  const { t } = useI18n();
  const { message } = App.useApp();
  return useCallback(
    (r) => {
      if (r.switch.connected) message.success(t('tel.pushed'));
      else message.warning(t('tel.pushedLater'));
    },
    [t, message],
  );
}

export function useFailure(): (e: unknown) => void {
  const { t } = useI18n();
  const { message } = App.useApp();
  return useCallback((e: unknown) => message.error(t('tel.failed', { message: (e as Error).message })), [t, message]);
}

export const formatBytes = (n: number) =>
  n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;

/** The form's values, or null when a rule failed (antd shows the messages beside the fields). */
export async function formValues<T>(form: FormInstance): Promise<T | null> {
  try {
    return (await form.validateFields()) as T;
  } catch {
    return null;
  }
}
