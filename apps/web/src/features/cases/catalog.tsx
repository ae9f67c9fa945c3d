import { Tag, Tooltip } from 'antd';
import { useEffect, useState } from 'react';
import { categoryName, placeName, regionDepartment, useCaseCatalog } from '../../shared/case-catalog.ts';
import { useI18n } from '../../shared/i18n.tsx';
import {
  type Catalog,
  type Category,
  type ClockLevel,
  clockLevel,
  type Duration,
  fmtTime,
  span,
  URGENCY_COLOR,
  type Urgency,
} from './model.ts';

/** The category tree and departments, fetched once per page load. */
export const useCatalog = () => useCaseCatalog<Catalog>();

export interface CascaderOption {
  value: string;
  label: string;
  children?: CascaderOption[];
}

/** Cascader options of a category list (three levels; a child's code extends its parent's). */
export function categoryOptions(
  cats: { code: string; parentCode: string | null; name: string; nameEn: string | null }[],
  en: boolean,
): CascaderOption[] {
  const build = (parent: string | null): CascaderOption[] =>
    cats
      .filter((c) => c.parentCode === parent)
      .map((c) => {
        const children = build(c.code);
        return {
          value: c.code,
          label: en && c.nameEn ? c.nameEn : c.name,
          ...(children.length ? { children } : {}),
        };
      });
  return build(null);
}

/** Root-to-leaf codes for a category code. */
export function categoryCodes(cats: Pick<Category, 'code' | 'parentCode'>[], code: string): string[] {
  const out: string[] = [];
  for (let c = cats.find((x) => x.code === code); c && out.length < 3; ) {
    out.unshift(c.code);
    const p = c.parentCode;
    c = p ? cats.find((x) => x.code === p) : undefined;
  }
  return out;
}

export function useLabels() {
  const { t, locale } = useI18n();
  const en = locale === 'en';
  return {
    t,
    en,
    categoryPath: (cat: Catalog | null, code: string) => {
      if (!cat) return code;
      const names = categoryCodes(cat.categories, code).map((c) => {
        const x = cat.categories.find((y) => y.code === c);
        return en && x?.nameEn ? x.nameEn : (x?.name ?? c);
      });
      return names.length ? names.join(' / ') : code;
    },
    categoryName: (cat: Catalog | null, code: string) => categoryName(cat, code, en),
    dept: (cat: Catalog | null, id: string) => cat?.departments.find((d) => d.id === id)?.name ?? '—',
    regionName: (cat: Catalog | null, code: string | null) => placeName(regionDepartment(cat, code)?.name ?? ''),
    duration: (d: Duration) => t(`cases.unit.${d.unit}`, { n: d.amount }),
  };
}

export function UrgencyTag({ urgency }: { urgency: Urgency }) {
  const { t } = useI18n();
  return <Tag color={URGENCY_COLOR[urgency]}>{t(`cases.urgency.${urgency}`)}</Tag>;
}

const LEVEL_COLOR: Record<ClockLevel, string> = { ok: 'green', due_soon: 'gold', overdue: 'red', stopped: 'default' };

/** A deadline with its countdown ("剩 2天3小时" / "超 5小时"), coloured by the warning share. */
export function Countdown({
  deadline,
  start,
  now,
  stoppedAt,
}: {
  deadline: number | null;
  /** Clock start; without it only overdue is coloured. */
  start?: number;
  now: number;
  /** When the clock stopped (signed / replied): show on time or late instead of a countdown. */
  stoppedAt?: number | null;
}) {
  const { t } = useI18n();
  if (deadline === null) return <span>—</span>;
  if (stoppedAt) {
    const late = stoppedAt > deadline;
    return (
      <Tooltip title={fmtTime(deadline)}>
        <Tag color={late ? 'red' : 'default'}>{late ? t('cases.clock.late') : t('cases.clock.onTime')}</Tag>
      </Tooltip>
    );
  }
  const level = clockLevel(start ?? deadline - 1, deadline, now);
  const s = span(deadline - now);
  const text =
    s.d > 0
      ? t('cases.clock.dh', { d: s.d, h: s.h })
      : s.h > 0
        ? t('cases.clock.hm', { h: s.h, m: s.m })
        : t('cases.clock.m', { m: s.m });
  return (
    <Tooltip title={fmtTime(deadline)}>
      <Tag color={LEVEL_COLOR[level]} data-clock={level}>
        {level === 'overdue' ? t('cases.clock.over', { text }) : t('cases.clock.left', { text })}
      </Tag>
    </Tooltip>
  );
}

/** A ticking "now" for countdowns (every 30 s). */
export function useNow(): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(id);
  }, []);
  return now;
}
