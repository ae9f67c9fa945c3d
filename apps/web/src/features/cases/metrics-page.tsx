import { Card, Col, DatePicker, Empty, Row, Segmented, Select, Space, Table, Tooltip, Typography } from 'antd';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useCallback, useEffect, useRef, useState } from 'react';
import { get } from '../../shared/api.ts';
import { useI18n } from '../../shared/i18n.tsx';
import { PageHeader } from '../../shared/page-header.tsx';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const METRICS = [
  'timelySign',
  'onTimeFinish',
  'returnRate',
  'callbackRate',
  'satisfactionRate',
  'resolutionRate',
] as const;
type Metric = (typeof METRICS)[number];
/** Metrics where a lower value is better (a rise is shown red). */
const LOWER_IS_BETTER: Metric[] = ['returnRate'];
type GroupBy = 'none' | 'department' | 'category' | 'region' | 'period';

interface Ratio {
  numerator: number;
  denominator: number;
  rate: number | null;
}
interface MetricRow {
  key: string;
  label: string;
  current: Record<Metric, Ratio>;
  previous: Record<Metric, Ratio>;
  yearAgo: Record<Metric, Ratio>;
}
interface Report {
  formulas: Record<Metric, { zh: string; en: string; formula: string }>;
  rows: MetricRow[];
}

const DAY = 86_400_000;
/** Day boundaries in China time (UTC+8), whatever the browser's zone. */
const TZ = 8 * 3_600_000;
const dayStart = (ms: number) => Math.floor((ms + TZ) / DAY) * DAY - TZ;
const fmtDay = (ms: number) => new Date(ms + TZ).toISOString().slice(0, 10);
const PRESETS = ['thisMonth', 'lastMonth', 'last30', 'thisYear'] as const;
type Preset = (typeof PRESETS)[number];
/** [from, to) of a preset period; "to" is the end of today for running periods. */
function presetRange(p: Preset, now: number): [number, number] {
  const d = new Date(now + TZ);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const end = dayStart(now) + DAY;
  const at = (yy: number, mm: number) => Date.UTC(yy, mm, 1) - TZ;
  switch (p) {
    case 'thisMonth':
      return [at(y, m), end];
    case 'lastMonth':
      return [at(y, m - 1), at(y, m)];
    case 'last30':
      return [end - 30 * DAY, end];
    case 'thisYear':
      return [at(y, 0), end];
  }
}

const pct = (r: Ratio | undefined) =>
  r?.rate === null || r?.rate === undefined ? '—' : `${(r.rate * 100).toFixed(1)}%`;

/** Change in percentage points, coloured good/bad. */
function Delta({ metric, cur, base, label }: { metric: Metric; cur?: Ratio; base?: Ratio; label: string }) {
  if (cur?.rate == null || base?.rate == null) return <span style={{ color: '#999' }}>{label} —</span>;
  const d = (cur.rate - base.rate) * 100;
  const good = LOWER_IS_BETTER.includes(metric) ? d <= 0 : d >= 0;
  const color = Math.abs(d) < 0.05 ? '#888' : good ? '#389e0d' : '#cf1322';
  return (
    <span style={{ color }}>
      {label} {d >= 0 ? '▲' : '▼'}
      {Math.abs(d).toFixed(1)}pt
    </span>
  );
}

/** 考核指标: the six metrics with formulas, by department/category/region/period, 环比 and 同比. */
export function MetricsPage() {
  const { t, locale } = useI18n();
  const en = locale === 'en';
  const [preset, setPreset] = useState<Preset | 'custom'>('thisMonth');
  const [range, setRange] = useState<[number, number]>(() => presetRange('thisMonth', Date.now()));
  const [groupBy, setGroupBy] = useState<GroupBy>('department');
  const [periodUnit, setPeriodUnit] = useState<'day' | 'month' | 'year'>('day');
  const [level, setLevel] = useState(1);
  const [metric, setMetric] = useState<Metric>('onTimeFinish');
  const [total, setTotal] = useState<Report | null>(null);
  const [grouped, setGrouped] = useState<Report | null>(null);
  const chartEl = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const q = `from=${new Date(range[0]).toISOString()}&to=${new Date(range[1]).toISOString()}`;
    void get<Report>(`/api/v1/case-metrics?${q}&groupBy=none`).then(setTotal);
    void get<Report>(
      `/api/v1/case-metrics?${q}&groupBy=${groupBy}&periodUnit=${periodUnit}&categoryLevel=${level}`,
    ).then(setGrouped);
  }, [range, groupBy, periodUnit, level]);
  const label = useCallback(
    (r: MetricRow) => (groupBy === 'region' && r.key === '' ? t('cases.metrics.noRegion') : r.label),
    [groupBy, t],
  );
  const formula = (m: Metric) => (en ? t(`cases.metric.${m}.formula`) : (total?.formulas[m]?.formula ?? ''));
  useEffect(() => {
    if (!grouped || !chartEl.current || groupBy === 'none') return;
    const chart = echarts.init(chartEl.current);
    const rows = grouped.rows;
    const val = (r: Ratio) => (r.rate === null ? null : Math.round(r.rate * 1000) / 10);
    const trend = groupBy === 'period';
    chart.setOption({
      tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => (v === null ? '—' : `${v}%`) },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 36, bottom: trend ? 30 : 60 },
      xAxis: {
        type: 'category',
        data: rows.map(label),
        axisLabel: { interval: 0, rotate: trend ? 0 : 20, fontSize: 11 },
      },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        {
          name: t('cases.metrics.current'),
          type: trend ? 'line' : 'bar',
          data: rows.map((r) => val(r.current[metric])),
        },
        {
          name: t('cases.metrics.previous'),
          type: trend ? 'line' : 'bar',
          data: rows.map((r) => val(r.previous[metric])),
          itemStyle: { color: '#91cc75' },
          lineStyle: { type: 'dashed' },
        },
        {
          name: t('cases.metrics.yearAgo'),
          type: trend ? 'line' : 'bar',
          data: rows.map((r) => val(r.yearAgo[metric])),
          itemStyle: { color: '#fac858' },
          lineStyle: { type: 'dotted' },
        },
      ].map((x) => (trend ? { ...x, connectNulls: true, showSymbol: true, symbolSize: 8 } : { ...x, barMaxWidth: 28 })),
    });
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [grouped, metric, groupBy, t, label]);
  const all = total?.rows[0];
  return (
    <>
      <PageHeader
        title={t('cases.metrics.title')}
        extra={
          <Space>
            <Segmented<Preset | 'custom'>
              value={preset}
              onChange={(p) => {
                setPreset(p);
                if (p !== 'custom') setRange(presetRange(p, Date.now()));
              }}
              options={[...PRESETS, 'custom' as const].map((p) => ({ value: p, label: t(`cases.metrics.${p}`) }))}
            />
            {preset === 'custom' && (
              <DatePicker.RangePicker
                allowClear={false}
                onChange={(v) => {
                  if (v?.[0] && v[1]) setRange([dayStart(v[0].valueOf()), dayStart(v[1].valueOf()) + DAY]);
                }}
              />
            )}
            <Typography.Text type="secondary" data-testid="metrics-range">
              {fmtDay(range[0])} — {fmtDay(range[1] - 1)}
            </Typography.Text>
          </Space>
        }
      />
      <Row gutter={[12, 12]} data-testid="metric-cards">
        {METRICS.map((m) => (
          <Col span={8} key={m}>
            <Card size="small" style={{ height: '100%' }} data-testid={`metric-${m}`}>
              <Space align="baseline" style={{ justifyContent: 'space-between', width: '100%' }}>
                <Typography.Text strong>{t(`cases.metric.${m}`)}</Typography.Text>
                <Typography.Text style={{ fontSize: 26, fontWeight: 600, color: '#1f4e96' }}>
                  {pct(all?.current[m])}
                </Typography.Text>
              </Space>
              <div style={{ color: '#666', fontSize: 12 }}>
                = {all?.current[m]?.numerator ?? 0} ÷ {all?.current[m]?.denominator ?? 0}
                <Space style={{ float: 'right' }} size={12}>
                  <Delta metric={m} cur={all?.current[m]} base={all?.previous[m]} label={t('cases.metrics.mom')} />
                  <Delta metric={m} cur={all?.current[m]} base={all?.yearAgo[m]} label={t('cases.metrics.yoy')} />
                </Space>
              </div>
              <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '6px 0 0' }} data-testid="formula">
                {t('cases.metrics.formula')}：{formula(m)}
              </Typography.Paragraph>
            </Card>
          </Col>
        ))}
      </Row>
      <Card
        size="small"
        style={{ marginTop: 12 }}
        title={
          <Space wrap>
            <Segmented<GroupBy>
              value={groupBy}
              onChange={setGroupBy}
              options={(['department', 'category', 'region', 'period'] as const).map((g) => ({
                value: g,
                label: t(`cases.metrics.by.${g}`),
              }))}
            />
            {groupBy === 'period' && (
              <Segmented
                value={periodUnit}
                onChange={(v) => setPeriodUnit(v as 'day' | 'month' | 'year')}
                options={(['day', 'month', 'year'] as const).map((u) => ({
                  value: u,
                  label: t(`cases.metrics.unit.${u}`),
                }))}
              />
            )}
            {groupBy === 'category' && (
              <Segmented
                value={level}
                onChange={(v) => setLevel(Number(v))}
                options={[1, 2, 3].map((l) => ({ value: l, label: t(`cases.metrics.level${l}`) }))}
              />
            )}
          </Space>
        }
        extra={
          <Select<Metric>
            value={metric}
            onChange={setMetric}
            style={{ width: 160 }}
            options={METRICS.map((m) => ({ value: m, label: t(`cases.metric.${m}`) }))}
          />
        }
      >
        {grouped && grouped.rows.length === 0 ? (
          <Empty description={t('cases.metrics.empty')} />
        ) : (
          <div ref={chartEl} style={{ height: 300 }} data-testid="metrics-chart" />
        )}
        <Table<MetricRow>
          rowKey="key"
          size="small"
          style={{ marginTop: 12 }}
          pagination={false}
          dataSource={grouped?.rows ?? []}
          data-testid="metrics-table"
          locale={{ emptyText: t('cases.metrics.empty') }}
          columns={[
            { title: t(`cases.metrics.by.${groupBy}`), key: 'label', render: (_: unknown, r) => label(r), width: 180 },
            ...METRICS.map((m) => ({
              title: t(`cases.metric.${m}`),
              key: m,
              render: (_: unknown, r: MetricRow) => (
                <Tooltip
                  title={`${r.current[m].numerator} ÷ ${r.current[m].denominator} · ${t('cases.metrics.mom')} ${pct(r.previous[m])} · ${t('cases.metrics.yoy')} ${pct(r.yearAgo[m])}`}
                >
                  <span>{pct(r.current[m])}</span>
                  <span style={{ color: '#999', fontSize: 12, marginInlineStart: 4 }}>
                    ({r.current[m].numerator}/{r.current[m].denominator})
                  </span>
                </Tooltip>
              ),
            })),
          ]}
        />
      </Card>
    </>
  );
}
