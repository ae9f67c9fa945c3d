import { Alert, Button, Card, Col, message, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { get } from '../../shared/api.ts';
import { useAuth } from '../../shared/auth.tsx';
import { useI18n } from '../../shared/i18n.tsx';
import { PageHeader } from '../../shared/page-header.tsx';
import { CalendarDayDialog, CalendarRangeDialog } from './admin-calendar-dialogs.tsx';
import { type CalendarDay, DAY_COLORS, dayKind, warnYears } from './admin-calendar-grid.ts';
import { CalendarLegend, CalendarMonth } from './admin-calendar-month.tsx';

interface CalendarYear {
  year: number;
  statutoryCovered: boolean;
  overrides: { date: string; kind: 'holiday' | 'workday'; name: string | null }[];
  days: CalendarDay[];
}

const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

/** Today in China (UTC+8), as the server's calendar counts days. */
const chinaToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * 工作日历: the year view of statutory holidays, make-up working days (调休), weekends and the
 * administrator's overrides; a day or a range is overridden here. Years without statutory data
 * (chinese-days is updated once the State Council publishes the next year) are flagged loudly.
 */
export function AdminCalendarPage() {
  const { t } = useI18n();
  const { user } = useAuth();
  const canEdit = user?.roles.includes('admin') ?? false;
  const today = chinaToday();
  const thisYear = Number(today.slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const [data, setData] = useState<CalendarYear | null>(null);
  const [coverage, setCoverage] = useState<Record<number, { covered: boolean; entered: number }>>({});
  const [pick, setPick] = useState<string | null>(null);
  const [rangeOpen, setRangeOpen] = useState(false);
  const [statutoryTo, setStatutoryTo] = useState<number | null>(null);
  useEffect(() => {
    void get<{ calendarYears: { to: number } }>('/api/v1/case-catalog').then(
      (c) => setStatutoryTo(c.calendarYears.to),
      () => undefined,
    );
  }, []);

  const fetchYear = useCallback(async (y: number) => {
    const r = await get<CalendarYear>(`/api/v1/admin/case-calendar?year=${y}`);
    setCoverage((c) => ({ ...c, [y]: { covered: r.statutoryCovered, entered: r.overrides.length } }));
    return r;
  }, []);
  const load = useCallback(async () => {
    try {
      setData(await fetchYear(year));
      if (year !== thisYear + 1) await fetchYear(thisYear + 1);
    } catch (e) {
      message.error(t('common.error', { message: (e as Error).message }));
    }
  }, [fetchYear, year, thisYear, t]);
  useEffect(() => {
    void load();
  }, [load]);

  const days = useMemo(() => new Map((data?.days ?? []).map((d) => [d.date, d])), [data]);
  const warnings = warnYears(today, year, (y) => coverage[y]?.covered);
  const saved = (text: string) => {
    message.success(text);
    void load();
  };

  return (
    <>
      <PageHeader
        title={t('cases.cal.title')}
        extra={
          <Space>
            <Select
              aria-label={t('cases.cal.year')}
              data-testid="calendar-year"
              value={year}
              onChange={setYear}
              style={{ width: 110 }}
              options={[-1, 0, 1, 2].map((d) => ({
                value: thisYear + d,
                label: t('cases.cal.yearOption', { year: thisYear + d }),
              }))}
            />
            {canEdit && (
              <Button type="primary" onClick={() => setRangeOpen(true)} data-testid="calendar-range">
                {t('cases.cal.range')}
              </Button>
            )}
          </Space>
        }
      />
      {warnings.map((y) => (
        <Alert
          key={y}
          type="warning"
          showIcon
          data-testid={`calendar-not-covered-${y}`}
          style={{ marginBottom: 12 }}
          title={<strong>{t('cases.cal.notCovered', { year: y })}</strong>}
          description={
            <>
              {t('cases.cal.notCoveredDetail', { year: y, to: statutoryTo ?? y - 1 })}{' '}
              {t('cases.cal.notCoveredEntered', { n: coverage[y]?.entered ?? 0 })}
            </>
          }
          action={
            y !== year ? (
              <Button size="small" onClick={() => setYear(y)}>
                {t('cases.cal.goToYear', { year: y })}
              </Button>
            ) : undefined
          }
        />
      ))}
      {!canEdit && <Alert type="info" showIcon title={t('cases.cal.readOnly')} style={{ marginBottom: 12 }} />}
      <Card size="small" style={{ marginBottom: 12 }}>
        <CalendarLegend />
        {canEdit && (
          <Typography.Text type="secondary" style={{ display: 'block', marginTop: 6 }}>
            {t('cases.cal.clickHint')}
          </Typography.Text>
        )}
      </Card>
      {data && (
        <Row gutter={[12, 12]} data-testid="calendar-year-view">
          {MONTHS.map((m) => (
            <Col key={m} xs={24} sm={12} lg={8} xl={6}>
              <CalendarMonth year={data.year} month={m} days={days} onPick={canEdit ? setPick : null} />
            </Col>
          ))}
        </Row>
      )}
      {data && (
        <Card
          size="small"
          title={t('cases.cal.adjustments', { year: data.year })}
          style={{ marginTop: 12 }}
          data-testid="calendar-days"
        >
          <Table<CalendarDay>
            rowKey="date"
            size="small"
            dataSource={data.days}
            pagination={false}
            scroll={{ y: 360 }}
            locale={{ emptyText: t('cases.cal.none') }}
            onRow={(d) => (canEdit ? { onClick: () => setPick(d.date), style: { cursor: 'pointer' } } : {})}
            columns={[
              { title: t('cases.cal.date'), dataIndex: 'date', width: 130 },
              {
                title: t('cases.cal.type'),
                width: 160,
                render: (_: unknown, d) => {
                  const k = dayKind(d.date, d);
                  return (
                    <Tag color={DAY_COLORS[k].bg} style={{ color: DAY_COLORS[k].fg }}>
                      {t(`cases.cal.kind.${k}`)}
                    </Tag>
                  );
                },
              },
              { title: t('cases.cal.dayName'), dataIndex: 'name', render: (n: string | null) => n ?? '—' },
              {
                title: t('cases.cal.source'),
                dataIndex: 'source',
                width: 200,
                render: (s: string) => t(`cases.cal.source.${s}`),
              },
            ]}
          />
        </Card>
      )}
      <CalendarDayDialog
        date={pick}
        listed={pick ? days.get(pick) : undefined}
        onClose={() => setPick(null)}
        onSaved={(text) => {
          setPick(null);
          saved(text);
        }}
      />
      <CalendarRangeDialog
        open={rangeOpen}
        year={year}
        onClose={() => setRangeOpen(false)}
        onSaved={(text) => {
          setRangeOpen(false);
          saved(text);
        }}
      />
    </>
  );
}
