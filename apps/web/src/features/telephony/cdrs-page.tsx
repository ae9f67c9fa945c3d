import { PlayCircleOutlined } from '@ant-design/icons';
import type { CdrView } from '@hotline/contracts';
import { Button, Form, Input, Select, Table, Tag, Tooltip, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useI18n } from '../../shared/i18n.tsx';
import { PageHeader } from '../../shared/page-header.tsx';
import { formatTime, RECORDING_ROLES, useCauseText, useDuration, useHasRole } from './common.tsx';
import { FilterBar, usePagedSearch } from './filter-bar.tsx';

const nowrap = () => ({ style: { whiteSpace: 'nowrap' as const } });

/** 通话记录: CDR search (dates, number, extension, caller region, direction, answered) with the cause in words and the caller's region stored with the call. */
export function CdrsPage() {
  const { t } = useI18n();
  const duration = useDuration();
  const cause = useCauseText();
  const navigate = useNavigate();
  const mayPlay = useHasRole(RECORDING_ROLES);
  const [form] = Form.useForm();
  const { rows, loading, search, pagination } = usePagedSearch<CdrView>('/api/v1/telephony/cdrs');

  return (
    <>
      <PageHeader title={t('tel.cdr.title')} />
      <FilterBar form={form} onSearch={search} testId="cdr">
        <Form.Item name="region" label={t('tel.cdr.region')}>
          <Input allowClear placeholder={t('tel.cdr.regionPlaceholder')} style={{ width: 140 }} maxLength={40} />
        </Form.Item>
        <Form.Item name="direction" label={t('tel.cdr.direction')}>
          <Select
            allowClear
            placeholder={t('tel.any')}
            style={{ width: 100 }}
            options={(['inbound', 'outbound'] as const).map((d) => ({ value: d, label: t(`tel.cdr.direction.${d}`) }))}
          />
        </Form.Item>
        <Form.Item name="answered" label={t('tel.cdr.answered')}>
          <Select
            allowClear
            placeholder={t('tel.any')}
            style={{ width: 110 }}
            options={(['yes', 'no'] as const).map((a) => ({ value: a, label: t(`tel.cdr.answered.${a}`) }))}
          />
        </Form.Item>
      </FilterBar>
      <Table<CdrView>
        rowKey="legId"
        size="middle"
        loading={loading}
        dataSource={rows}
        locale={{ emptyText: t('tel.cdr.empty') }}
        pagination={pagination}
        columns={[
          // Numbers, names and trunk ids stay on one line.
          { title: t('tel.cdr.start'), dataIndex: 'startedAt', width: 165, render: (v: string) => formatTime(v) },
          {
            title: t('tel.cdr.direction'),
            dataIndex: 'direction',
            width: 70,
            render: (v: 'inbound' | 'outbound') => (
              <Tag color={v === 'inbound' ? 'blue' : 'purple'}>{t(`tel.cdr.direction.${v}`)}</Tag>
            ),
          },
          { title: t('tel.cdr.caller'), dataIndex: 'caller', onCell: nowrap },
          {
            title: t('tel.cdr.region'),
            dataIndex: 'callerRegion',
            render: (v: string | null) => (v ? v : <Typography.Text type="secondary">—</Typography.Text>),
          },
          { title: t('tel.cdr.callee'), dataIndex: 'callee', onCell: nowrap },
          {
            title: t('tel.agent'),
            dataIndex: 'extension',
            onCell: nowrap,
            render: (v: string | null, r) => (v ? `${v}${r.agentName ? ` ${r.agentName}` : ''}` : ''),
          },
          { title: t('tel.cdr.trunk'), dataIndex: 'trunkId', onCell: nowrap, render: (v: string | null) => v ?? '' },
          {
            title: t('tel.cdr.talk'),
            dataIndex: 'talkSeconds',
            width: 100,
            render: (v: number, r) => (r.answeredAt ? duration(v) : ''),
          },
          {
            title: t('tel.cdr.result'),
            render: (_: unknown, r) => (
              <Tooltip
                title={`SIP ${r.sipStatus} · Q.850 ${r.q850} · ${t('tel.cdr.hangupBy')}: ${t(`tel.cdr.hangupBy.${r.hangupBy}`)}`}
              >
                <Tag color={r.answeredAt ? 'green' : r.q850 === 21 ? 'red' : 'orange'} data-testid="cdr-cause">
                  {cause(r)}
                </Tag>
              </Tooltip>
            ),
          },
          ...(mayPlay
            ? [
                {
                  title: t('tel.cdr.recording'),
                  width: 80,
                  render: (_: unknown, r: CdrView) =>
                    r.recordingId ? (
                      <Button
                        size="small"
                        type="link"
                        icon={<PlayCircleOutlined />}
                        aria-label={t('tel.rec.play')}
                        onClick={() => navigate(`/telephony/recordings?id=${encodeURIComponent(r.recordingId ?? '')}`)}
                        data-testid="cdr-play"
                      />
                    ) : null,
                },
              ]
            : []),
        ]}
      />
    </>
  );
}
