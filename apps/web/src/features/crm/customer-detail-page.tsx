import { ArrowLeftOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Popconfirm,
  Row,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { del, get } from '../../shared/api.ts';
import { useI18n } from '../../shared/i18n.tsx';
import { PageHeader } from '../../shared/page-header.tsx';
import { AccountForm } from './account-form.tsx';
import { AccountHistory, showValue } from './account-history.tsx';
import { CRM_EDITORS, CRM_MANAGERS, formatTime, ListTags, useErrorText, useHasRole } from './common.tsx';
import { ContactTimeline } from './contact-timeline.tsx';
import { CustomerForm } from './customer-form.tsx';
import type { Account, AccountSchema, CallerStatus, CustomerPhone, CustomerView } from './types.ts';

/** One customer: identity, phones with region and list status, accounts by schema, contact timeline. */
export function CustomerDetailPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const canEdit = useHasRole(CRM_EDITORS);
  const canDelete = useHasRole(CRM_MANAGERS);
  const [view, setView] = useState<CustomerView | null>(null);
  const [schemas, setSchemas] = useState<AccountSchema[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [account, setAccount] = useState<Account | null | undefined>(undefined);
  const [history, setHistory] = useState<Account | null>(null);
  const load = useCallback(async () => {
    try {
      const [v, s] = await Promise.all([
        get<CustomerView>(`/api/v1/crm/customers/${id}`),
        get<{ schemas: AccountSchema[] }>('/api/v1/crm/account-schemas'),
      ]);
      setView(v);
      setSchemas(s.schemas);
    } catch (e) {
      setError(errorText(e));
    }
  }, [id, errorText]);
  useEffect(() => {
    void load();
  }, [load]);
  if (error) return <Typography.Text type="danger">{error}</Typography.Text>;
  if (!view) return <Spin />;
  const c = view.customer;
  const statusOf = (p: CustomerPhone): CallerStatus | undefined => view.lists.find((l) => l.phoneKey === p.key);
  const remove = async () => {
    try {
      await del(`/api/v1/crm/customers/${c.id}`);
      message.success(t('crm.customer.deleted'));
      navigate('/crm/customers');
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <>
      <PageHeader
        title={c.name}
        extra={
          <Space>
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/crm/customers')}>
              {t('crm.back')}
            </Button>
            {canEdit && (
              <Button type="primary" onClick={() => setEditing(true)} data-testid="customer-edit">
                {t('common.edit')}
              </Button>
            )}
            {canDelete && (
              <Popconfirm
                title={t('crm.customer.deleteConfirm')}
                okText={t('crm.delete')}
                cancelText={t('common.cancel')}
                onConfirm={() => void remove()}
              >
                <Button danger>{t('crm.delete')}</Button>
              </Popconfirm>
            )}
          </Space>
        }
      />
      <Row gutter={16}>
        <Col xs={24} xl={15}>
          <Card size="small" title={t('crm.customer.basic')} style={{ marginBottom: 16 }}>
            <Descriptions
              size="small"
              column={2}
              data-testid="customer-basic"
              items={[
                { key: 'kind', label: t('crm.customer.kind'), children: t(`crm.kind.${c.kind}`) },
                {
                  key: 'id',
                  label: c.kind === 'organization' ? t('crm.customer.creditCode') : t('crm.customer.idNumber'),
                  children: c.idNumber ?? '—',
                },
                { key: 'address', label: t('crm.customer.address'), children: c.address ?? '—', span: 2 },
                { key: 'email', label: t('crm.customer.email'), children: c.email ?? '—' },
                { key: 'updated', label: t('crm.customer.updatedAt'), children: formatTime(c.updatedAt) },
                { key: 'notes', label: t('crm.customer.notes'), children: c.notes ?? '—', span: 2 },
              ]}
            />
          </Card>
          <Card size="small" title={t('crm.customer.phones')} style={{ marginBottom: 16 }}>
            <Table
              rowKey="key"
              size="small"
              pagination={false}
              dataSource={c.phones}
              data-testid="customer-phones"
              locale={{ emptyText: t('crm.customer.noPhones') }}
              columns={[
                { title: t('crm.customer.phoneNumber'), dataIndex: 'raw' },
                { title: t('crm.customer.phoneKey'), dataIndex: 'key' },
                { title: t('crm.customer.phoneLabel'), dataIndex: 'label', render: (x: string | null) => x ?? '' },
                {
                  title: t('crm.region'),
                  dataIndex: 'region',
                  render: (x: string | null) => x ?? t('crm.region.unknown'),
                },
                {
                  title: t('crm.lists.status'),
                  render: (_: unknown, p: CustomerPhone) => <ListTags status={statusOf(p)} />,
                },
              ]}
            />
          </Card>
          <Card
            size="small"
            title={t('crm.accounts')}
            extra={
              canEdit &&
              schemas.length > 0 && (
                <Button size="small" onClick={() => setAccount(null)} data-testid="account-new">
                  {t('crm.account.create')}
                </Button>
              )
            }
          >
            {view.accounts.length === 0 && (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('crm.account.none')} />
            )}
            {view.accounts.map((a) => {
              const schema = schemas.find((s) => s.id === a.schemaId);
              return (
                <Descriptions
                  key={a.id}
                  size="small"
                  bordered
                  column={2}
                  style={{ marginBottom: 12 }}
                  data-testid={`account-${a.accountNumber}`}
                  title={
                    <Space>
                      <span>
                        {schema?.name ?? a.schemaId} {a.accountNumber}
                      </span>
                      {a.status !== 'active' && <Tag>{a.status}</Tag>}
                    </Space>
                  }
                  extra={
                    <Space>
                      <Button size="small" onClick={() => setHistory(a)}>
                        {t('crm.account.historyButton')}
                      </Button>
                      {canEdit && (
                        <Button size="small" onClick={() => setAccount(a)}>
                          {t('common.edit')}
                        </Button>
                      )}
                    </Space>
                  }
                  items={(schema?.fields ?? Object.keys(a.data).map((k) => ({ key: k, label: k }))).map((f) => ({
                    key: f.key,
                    label: f.label,
                    children: showValue(a.data[f.key], t),
                  }))}
                />
              );
            })}
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Card size="small" title={t('crm.timeline')}>
            <ContactTimeline contacts={view.timeline} />
          </Card>
        </Col>
      </Row>
      <CustomerForm
        open={editing}
        customer={c}
        onClose={() => setEditing(false)}
        onSaved={() => {
          setEditing(false);
          void load();
        }}
      />
      <AccountForm
        open={account !== undefined}
        customerId={c.id}
        account={account ?? null}
        schemas={schemas}
        onClose={() => setAccount(undefined)}
        onSaved={() => {
          setAccount(undefined);
          void load();
        }}
      />
      <AccountHistory
        account={history}
        schema={schemas.find((s) => s.id === history?.schemaId)}
        onClose={() => setHistory(null)}
      />
    </>
  );
}
