import { Alert, App, Button, Card, Descriptions, Empty, Form, Input, Modal, Popconfirm, Space, Table, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { get, post } from '../../shared/api.ts';
import { useAuth } from '../../shared/auth.tsx';
import { useI18n } from '../../shared/i18n.tsx';
import { PageHeader } from '../../shared/page-header.tsx';
import { IncidentForm } from './incident-form.tsx';
import { KindTag, StatusTag } from './incident-tags.tsx';
import {
  areaName,
  categoryName,
  EDITORS,
  fmtTime,
  type IncidentDetail,
  LINKERS,
  type LinkedCase,
  MINUTE_PATTERN,
  parseTime,
  useCatalog,
} from './model.ts';

const CASE_STATUSES = [
  'registered',
  'answered_directly',
  'dispatched',
  'returned',
  'in_progress',
  'extension_requested',
  'replied',
  'reviewed',
  'callback',
  'reopened',
  'closed',
];

/** One incident: what agents tell callers, its area and time, the cases it groups; edit, resolve, reopen. */
export function IncidentDetailPage() {
  const { id } = useParams();
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const { user } = useAuth();
  const catalog = useCatalog();
  const editor = user?.roles.some((r) => EDITORS.includes(r)) ?? false;
  const linker = user?.roles.some((r) => LINKERS.includes(r)) ?? false;
  const [incident, setIncident] = useState<IncidentDetail | null>(null);
  const [kinds, setKinds] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [resolving, setResolving] = useState(false);
  const [form] = Form.useForm<{ endsAt?: string }>();

  const load = useCallback(async () => {
    try {
      const r = await get<{ incident: IncidentDetail }>(`/api/v1/case-incidents/${id}`);
      setIncident(r.incident);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [id]);
  useEffect(() => {
    void load();
    if (editor) void get<{ kinds: string[] }>('/api/v1/case-incidents?limit=1').then((r) => setKinds(r.kinds));
  }, [load, editor]);

  const act = async (path: string, body: unknown, done: string) => {
    try {
      await post(`/api/v1/case-incidents/${id}/${path}`, body);
      message.success(done);
      await load();
      return true;
    } catch (e) {
      message.error(t('common.error', { message: (e as Error).message }));
      return false;
    }
  };
  const resolve = async () => {
    let v: { endsAt?: string };
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    if (await act('resolve', { endsAt: parseTime(v.endsAt) }, t('incidents.resolved'))) setResolving(false);
  };

  if (error) return <Alert type="error" title={t('common.error', { message: error })} />;
  if (!incident) return <Card loading />;
  const caseStatus = (s: string) => (CASE_STATUSES.includes(s) ? t(`incidents.caseStatus.${s}`) : s);
  return (
    <>
      <PageHeader
        title={incident.title}
        extra={
          <Space>
            <Link to="/incidents">{t('incidents.back')}</Link>
            {editor && (
              <Button onClick={() => setEditing(true)} disabled={kinds.length === 0} data-testid="incident-edit">
                {t('common.edit')}
              </Button>
            )}
            {editor && incident.status === 'open' && (
              <Button
                type="primary"
                onClick={() => {
                  form.resetFields();
                  setResolving(true);
                }}
                data-testid="incident-resolve"
              >
                {t('incidents.resolve')}
              </Button>
            )}
            {editor && incident.status === 'resolved' && (
              <Popconfirm
                title={t('incidents.reopenConfirm')}
                okText={t('incidents.reopen')}
                cancelText={t('common.cancel')}
                onConfirm={() => act('reopen', {}, t('incidents.reopened'))}
              >
                <Button data-testid="incident-reopen">{t('incidents.reopen')}</Button>
              </Popconfirm>
            )}
          </Space>
        }
      />
      {incident.notice && (
        <Alert
          type={incident.status === 'open' ? 'warning' : 'info'}
          showIcon
          title={t('incidents.field.notice')}
          description={incident.notice}
          style={{ marginBottom: 12 }}
          data-testid="incident-notice-text"
        />
      )}
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={3} data-testid="incident-facts">
          <Descriptions.Item label={t('incidents.field.status')}>
            <StatusTag status={incident.status} />
          </Descriptions.Item>
          <Descriptions.Item label={t('incidents.field.kind')}>
            <KindTag kind={incident.kind} />
          </Descriptions.Item>
          <Descriptions.Item label={t('incidents.field.area')}>
            {areaName(catalog, incident) || t('incidents.cityWide')}
          </Descriptions.Item>
          <Descriptions.Item label={t('incidents.field.startsAt')}>{fmtTime(incident.startsAt)}</Descriptions.Item>
          <Descriptions.Item
            label={incident.status === 'open' ? t('incidents.expectedEnd') : t('incidents.field.endsAt')}
          >
            {incident.endsAt ? fmtTime(incident.endsAt) : t('incidents.ongoing')}
          </Descriptions.Item>
          <Descriptions.Item label={t('incidents.field.categories')}>
            {incident.categoryPrefixes.length
              ? incident.categoryPrefixes.map((c) => <Tag key={c}>{categoryName(catalog, c, locale === 'en')}</Tag>)
              : t('incidents.anyCategory')}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card
        size="small"
        title={t('incidents.linked', { n: incident.caseCount, open: incident.openCaseCount })}
        extra={<span style={{ color: '#888' }}>{t('incidents.linkHelp')}</span>}
        data-testid="incident-linked"
      >
        <Table<LinkedCase>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={incident.cases}
          data-testid="incident-cases"
          locale={{ emptyText: <Empty description={t('incidents.noCases')} /> }}
          columns={[
            {
              title: t('incidents.case.number'),
              dataIndex: 'number',
              width: 190,
              render: (_v, c) => <Link to={`/cases/${c.id}`}>{c.number}</Link>,
            },
            {
              title: t('incidents.case.category'),
              width: 140,
              render: (_v, c) => categoryName(catalog, c.categoryCode, locale === 'en'),
            },
            { title: t('incidents.case.description'), dataIndex: 'description', ellipsis: true },
            {
              title: t('incidents.case.registered'),
              width: 150,
              render: (_v, c) => fmtTime(c.createdAt),
            },
            {
              title: t('incidents.case.status'),
              width: 210,
              render: (_v, c) => (
                <Space size={4}>
                  <Tag>{caseStatus(c.status)}</Tag>
                  {c.parentCaseId && <Tag color="default">{t('incidents.case.duplicate')}</Tag>}
                </Space>
              ),
            },
            ...(linker
              ? [
                  {
                    title: '',
                    width: 90,
                    render: (_v: unknown, c: LinkedCase) => (
                      <Popconfirm
                        title={t('incidents.unlinkConfirm', { number: c.number })}
                        okText={t('incidents.unlink')}
                        cancelText={t('common.cancel')}
                        onConfirm={() => act('cases/unlink', { caseIds: [c.id] }, t('incidents.unlinked'))}
                      >
                        <Button size="small" type="link" danger>
                          {t('incidents.unlink')}
                        </Button>
                      </Popconfirm>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {editor && kinds.length > 0 && (
        <IncidentForm
          open={editing}
          incident={incident}
          kinds={kinds}
          catalog={catalog}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            void load();
          }}
        />
      )}
      <Modal
        open={resolving}
        title={t('incidents.resolve')}
        onOk={() => void resolve()}
        onCancel={() => setResolving(false)}
        okText={t('incidents.resolve')}
        cancelText={t('common.cancel')}
        destroyOnHidden
        forceRender
      >
        <p>{t('incidents.resolveHelp')}</p>
        <Form form={form} layout="vertical">
          <Form.Item
            name="endsAt"
            label={t('incidents.field.endsAt')}
            extra={t('incidents.resolveWhen')}
            rules={[{ pattern: MINUTE_PATTERN, message: t('incidents.form.timeFormat') }]}
          >
            <Input placeholder={fmtTime(Date.now())} data-testid="incident-resolve-at" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
