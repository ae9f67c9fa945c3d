import { Card, Tooltip } from 'antd';
import { useI18n } from '../../shared/i18n.tsx';
import { type CalendarDay, DAY_COLORS, DAY_KINDS, type DayKind, dayKind, monthCells } from './admin-calendar-grid.ts';

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const weekdayNames = (locale: string) =>
  // 2024-01-01 was a Monday.
  WEEKDAYS.map((key, i) => ({
    key,
    label: new Intl.DateTimeFormat(locale, { weekday: 'narrow', timeZone: 'UTC' }).format(Date.UTC(2024, 0, 1 + i)),
  }));

/** One month of the year view: days coloured by kind, overrides framed, names in the tooltip. */
export function CalendarMonth({
  year,
  month,
  days,
  onPick,
}: {
  year: number;
  month: number;
  days: Map<string, CalendarDay>;
  onPick: ((date: string) => void) | null;
}) {
  const { t, locale } = useI18n();
  const title = new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' }).format(
    Date.UTC(year, month - 1, 1),
  );
  return (
    <Card size="small" title={title} data-testid={`month-${month}`} styles={{ body: { padding: 8 } }}>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)', gap: 2, textAlign: 'center' }}>
        {weekdayNames(locale).map((w) => (
          <div key={w.key} style={{ fontSize: 11, color: '#8c8c8c' }}>
            {w.label}
          </div>
        ))}
        {monthCells(year, month).map(({ key, date }) => {
          if (!date) return <div key={key} />;
          const listed = days.get(date);
          const kind = dayKind(date, listed);
          const { bg, fg } = DAY_COLORS[kind];
          const label = `${date} · ${t(`cases.cal.kind.${kind}`)}${listed?.name ? ` · ${listed.name}` : ''}`;
          return (
            <Tooltip key={date} title={label} mouseEnterDelay={0.3}>
              <button
                type="button"
                data-testid={`day-${date}`}
                data-kind={kind}
                aria-label={label}
                disabled={!onPick}
                onClick={() => onPick?.(date)}
                style={{
                  background: bg,
                  color: fg,
                  border: listed?.source === 'override' ? `1px dashed ${fg}` : '1px solid transparent',
                  borderRadius: 4,
                  height: 26,
                  padding: 0,
                  fontSize: 12,
                  cursor: onPick ? 'pointer' : 'default',
                  fontWeight: kind === 'weekday' || kind === 'weekend' ? 400 : 600,
                }}
              >
                {Number(date.slice(8))}
              </button>
            </Tooltip>
          );
        })}
      </div>
    </Card>
  );
}

/** The colours of the year view, named. */
export function CalendarLegend() {
  const { t } = useI18n();
  return (
    <div data-testid="calendar-legend" style={{ display: 'flex', flexWrap: 'wrap', gap: 16, alignItems: 'center' }}>
      <strong>{t('cases.cal.legend')}</strong>
      {DAY_KINDS.map((k: DayKind) => (
        <span key={k} style={{ display: 'inline-flex', gap: 6, alignItems: 'center' }}>
          <span
            style={{
              display: 'inline-block',
              width: 16,
              height: 16,
              borderRadius: 3,
              background: DAY_COLORS[k].bg,
              border: k.startsWith('override') ? `1px dashed ${DAY_COLORS[k].fg}` : '1px solid #d9d9d9',
            }}
          />
          {t(`cases.cal.kind.${k}`)}
        </span>
      ))}
    </div>
  );
}
