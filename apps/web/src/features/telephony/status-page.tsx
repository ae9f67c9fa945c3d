import type { LegView, RegistrationView } from '@hotline/contracts';
import { Alert, Badge, Card, Col, Descriptions, Row, Statistic, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { get } from '../../shared/api.ts';
import { useI18n } from '../../shared/i18n.tsx';
import { PageHeader } from '../../shared/page-header.tsx';
import { formatTime, SWITCH_ADMINS, useFailure, useHasRole } from './common.tsx';

interface Status {
  connected: boolean;
  live: boolean;
  snapshot: {
    switchId?: string;
    startedAt?: number;
    configVersion?: number;
    legs?: LegView[];
    bridges?: unknown[];
    registrations?: RegistrationView[];
  } | null;
}

interface AlertRow {
  event_id: string;
  kind: string;
  source: string;
  detail: string;
  at: string;
}

/** How often the page asks the switch again. */
const REFRESH_MS = 5_000;
const ALERT_KINDS = new Set([
  'auth_failed',
  'unauthenticated_external',
  'permission_denied',
  'outbound_volume',
  'trunk_limit',
]);

/** 交换机状态: connection, registered phones, calls in progress; and the switch's security alerts (admins). */
export function StatusPage() {
  const { t } = useI18n();
  const fail = useFailure();
  const isAdmin = useHasRole(SWITCH_ADMINS);
  const [status, setStatus] = useState<Status | null>(null);
  const [alerts, setAlerts] = useState<AlertRow[]>([]);

  const load = useCallback(async () => {
    setStatus(await get<Status>('/api/v1/telephony/status'));
    if (isAdmin) setAlerts((await get<{ items: AlertRow[] }>('/api/v1/telephony/alerts?limit=100')).items);
  }, [isAdmin]);
  useEffect(() => {
    load().catch(fail);
    const timer = setInterval(() => void load().catch(() => undefined), REFRESH_MS);
    return () => clearInterval(timer);
  }, [load, fail]);

  const snap = status?.snapshot ?? null;
  const legs = snap?.legs ?? [];
  const regs = snap?.registrations ?? [];
  return (
    <>
      <PageHeader
        title={t('tel.status.title')}
        extra={<Typography.Text type="secondary">{t('tel.status.refresh')}</Typography.Text>}
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Row gutter={16} align="middle">
          <Col span={6}>
            <Badge
              status={status?.connected ? 'success' : 'error'}
              text={
                <Typography.Text strong data-testid="switch-connection">
                  {status === null ? '…' : status.connected ? t('tel.status.connected') : t('tel.status.disconnected')}
                </Typography.Text>
              }
            />
          </Col>
          <Col span={6}>
            <Statistic title={t('tel.status.registrations')} value={regs.length} />
          </Col>
          <Col span={6}>
            <Statistic title={t('tel.status.legs')} value={legs.length} />
          </Col>
          <Col span={6}>
            <Statistic title={t('tel.status.bridges')} value={snap?.bridges?.length ?? 0} />
          </Col>
        </Row>
        {status && !status.connected && (
          <Alert
            style={{ marginTop: 12 }}
            type="warning"
            showIcon
            title={snap ? t('tel.status.stale') : t('tel.status.never')}
            data-testid="switch-warning"
          />
        )}
        {snap && (
          <Descriptions size="small" style={{ marginTop: 12 }} column={3}>
            <Descriptions.Item label={t('tel.status.switchId')}>{snap.switchId}</Descriptions.Item>
            <Descriptions.Item label={t('tel.status.since')}>{formatTime(snap.startedAt)}</Descriptions.Item>
            <Descriptions.Item label={t('tel.status.configVersion')}>{snap.configVersion}</Descriptions.Item>
          </Descriptions>
        )}
      </Card>
      <Row gutter={16}>
        <Col span={12}>
          <Card size="small" title={t('tel.status.registrations')} style={{ marginBottom: 16 }}>
            <Table<RegistrationView>
              rowKey={(r) => `${r.extension}-${r.contact}`}
              size="small"
              dataSource={regs}
              pagination={false}
              locale={{ emptyText: t('tel.status.noRegistrations') }}
              columns={[
                { title: t('tel.extension'), dataIndex: 'extension' },
                { title: t('tel.status.source'), dataIndex: 'source' },
                { title: t('tel.status.userAgent'), dataIndex: 'userAgent', ellipsis: true },
                { title: t('tel.status.expires'), dataIndex: 'expiresAt', render: (v: number) => formatTime(v) },
              ]}
            />
          </Card>
        </Col>
        <Col span={12}>
          <Card size="small" title={t('tel.status.legs')} style={{ marginBottom: 16 }}>
            <Table<LegView>
              rowKey="legId"
              size="small"
              dataSource={legs}
              pagination={false}
              locale={{ emptyText: t('tel.status.noLegs') }}
              columns={[
                {
                  title: t('tel.cdr.direction'),
                  dataIndex: 'direction',
                  render: (v: 'inbound' | 'outbound') => t(`tel.cdr.direction.${v}`),
                },
                { title: t('tel.cdr.caller'), dataIndex: 'caller' },
                { title: t('tel.cdr.callee'), dataIndex: 'callee' },
                { title: t('tel.status.state'), dataIndex: 'state', render: (v: string) => <Tag>{v}</Tag> },
                { title: t('tel.cdr.start'), dataIndex: 'startedAt', render: (v: number) => formatTime(v) },
              ]}
            />
          </Card>
        </Col>
      </Row>
      {isAdmin && (
        <Card size="small" title={t('tel.alert.title')} data-testid="switch-alerts">
          <Table<AlertRow>
            rowKey="event_id"
            size="small"
            dataSource={alerts}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            locale={{ emptyText: t('tel.alert.empty') }}
            columns={[
              { title: t('tel.alert.at'), dataIndex: 'at', width: 170, render: (v: string) => formatTime(v) },
              {
                title: t('tel.alert.kind'),
                dataIndex: 'kind',
                width: 180,
                render: (k: string) => (
                  <Tag color={k === 'outbound_volume' || k === 'unauthenticated_external' ? 'red' : 'orange'}>
                    {ALERT_KINDS.has(k) ? t(`tel.alert.kind.${k}`) : k}
                  </Tag>
                ),
              },
              { title: t('tel.alert.source'), dataIndex: 'source', width: 180 },
              { title: t('tel.alert.detail'), dataIndex: 'detail' },
            ]}
          />
        </Card>
      )}
    </>
  );
}
