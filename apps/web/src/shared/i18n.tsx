import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { messages as shellMessages } from './messages.ts';

export type Locale = 'zh-CN' | 'en';
export type Messages = Record<string, string>;
export type MessageBundle = Record<Locale, Messages>;

const bundles: MessageBundle[] = [shellMessages];
/** Features add their strings once, at module load (see features/registry.ts). */
export function addMessages(b: MessageBundle): void {
  bundles.push(b);
}

interface I18n {
  locale: Locale;
  setLocale(l: Locale): void;
  /** Translates `key`, replacing `{name}` with `vars.name`. Missing keys show the key itself. */
  t(key: string, vars?: Record<string, string | number>): string;
}

const Ctx = createContext<I18n | null>(null);
const STORAGE_KEY = 'hotline.locale';

function initialLocale(): Locale {
  const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null;
  return saved === 'en' ? 'en' : 'zh-CN';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const setLocale = useCallback((l: Locale) => {
    localStorage.setItem(STORAGE_KEY, l);
    document.documentElement.lang = l;
    setLocaleState(l);
  }, []);
  const t = useCallback(
    (key: string, vars?: Record<string, string | number>) => {
      let s = key;
      for (const b of bundles) {
        const v = b[locale][key];
        if (v !== undefined) {
          s = v;
          break;
        }
      }
      if (vars) for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, String(v));
      return s;
    },
    [locale],
  );
  const value = useMemo(() => ({ locale, setLocale, t }), [locale, setLocale, t]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(Ctx);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}
