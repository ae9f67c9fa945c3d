import { Alert, Card, Col, Row, Statistic, Tag } from 'antd';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { get } from '../../shared/api.ts';
import { useI18n } from '../../shared/i18n.tsx';
import { PageHeader } from '../../shared/page-header.tsx';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

interface Overview {
  database: 'pglite' | 'postgres';
  usersByRole: Record<string, number>;
  activeUsers: number;
  departments: number;
  activity: { day: string; logins: number; failures: number; changes: number }[];
}

export function OverviewPage() {
  const { t } = useI18n();
  const [data, setData] = useState<Overview | null>(null);
  const chartEl = useRef<HTMLDivElement>(null);
  useEffect(() => {
    void get<Overview>('/api/v1/admin/overview').then(setData);
  }, []);
  // In November and December, warn while next year's statutory holidays are neither in the built-in
  // data nor entered by hand: work-order deadlines in that year would skip weekends only.
  const [missingYear, setMissingYear] = useState<number | null>(null);
  useEffect(() => {
    const now = new Date();
    if (now.getMonth() < 10) return;
    const next = now.getFullYear() + 1;
    get<{ statutoryCovered: boolean; overrides: unknown[] }>(`/api/v1/admin/case-calendar?year=${next}`)
      .then((r) => setMissingYear(!r.statutoryCovered && r.overrides.length === 0 ? next : null))
      .catch(() => setMissingYear(null));
  }, []);
  useEffect(() => {
    if (!data || !chartEl.current) return;
    const chart = echarts.init(chartEl.current);
    chart.setOption({
      tooltip: { trigger: 'axis' },
      legend: { top: 0, data: [t('overview.logins'), t('overview.failures'), t('overview.changes')] },
      grid: { left: 40, right: 20, top: 40, bottom: 30 },
      xAxis: { type: 'category', data: data.activity.map((a) => a.day.slice(5)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: t('overview.logins'), type: 'bar', data: data.activity.map((a) => a.logins) },
        {
          name: t('overview.failures'),
          type: 'bar',
          data: data.activity.map((a) => a.failures),
          itemStyle: { color: '#e4572e' },
        },
        {
          name: t('overview.changes'),
          type: 'bar',
          data: data.activity.map((a) => a.changes),
          itemStyle: { color: '#76b041' },
        },
      ],
    });
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [data, t]);
  return (
    <>
      <PageHeader title={t('overview.title')} />
      {missingYear !== null && (
        <Alert
          type="warning"
          showIcon
          data-testid="calendar-gap"
          style={{ marginBottom: 16 }}
          message={t('overview.calendarGap', { year: missingYear })}
          description={
            <>
              {t('overview.calendarGapHelp')} <Link to="/admin/case-calendar">{t('overview.calendarGapLink')}</Link>
            </>
          }
        />
      )}
      <Row gutter={16}>
        <Col span={6}>
          <Card>
            <Statistic title={t('overview.activeUsers')} value={data?.activeUsers ?? '-'} />
          </Card>
        </Col>
        <Col span={6}>
          <Card>
            <Statistic title={t('overview.departments')} value={data?.departments ?? '-'} />
          </Card>
        </Col>
        <Col span={12}>
          <Card title={t('overview.byRole')} size="small">
            {data &&
              Object.entries(data.usersByRole).map(([r, n]) => (
                <Tag key={r} color="blue" style={{ marginBottom: 4 }}>
                  {t(`role.${r}`)} {n}
                </Tag>
              ))}
            <div style={{ marginTop: 8, color: '#888' }}>
              {t('overview.database')}: {data?.database === 'postgres' ? 'PostgreSQL' : t('overview.embedded')}
            </div>
          </Card>
        </Col>
      </Row>
      <Card title={t('overview.activity')} style={{ marginTop: 16 }}>
        <div ref={chartEl} style={{ height: 320 }} data-testid="activity-chart" />
      </Card>
    </>
  );
}
