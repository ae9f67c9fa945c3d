import { Button, Empty, Input, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { get } from '../../shared/api.ts';
import { useI18n } from '../../shared/i18n.tsx';
import { PageHeader } from '../../shared/page-header.tsx';
import { CRM_EDITORS, formatTime, useErrorText, useHasRole } from './common.tsx';
import { CustomerForm } from './customer-form.tsx';
import type { Customer } from './types.ts';

/** 客户资料: search by name, phone, account number or ID number; open a customer; create one. */
export function CustomersPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const canEdit = useHasRole(CRM_EDITORS);
  const [q, setQ] = useState('');
  const [rows, setRows] = useState<Customer[] | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const search = async (text: string) => {
    const s = text.trim();
    setQ(s);
    if (!s) return setRows(null);
    setLoading(true);
    setError(null);
    try {
      const r = await get<{ customers: Customer[] }>(`/api/v1/crm/customers?q=${encodeURIComponent(s)}&limit=50`);
      setRows(r.customers);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setLoading(false);
    }
  };
  return (
    <>
      <PageHeader
        title={t('crm.customers.title')}
        extra={
          canEdit && (
            <Button type="primary" onClick={() => setCreating(true)} data-testid="customer-new">
              {t('crm.customer.create')}
            </Button>
          )
        }
      />
      <Space style={{ marginBottom: 12 }}>
        <Input.Search
          placeholder={t('crm.customers.placeholder')}
          enterButton={t('common.search')}
          allowClear
          onSearch={(v) => void search(v)}
          style={{ width: 480 }}
          data-testid="customer-search"
        />
        {error && <Typography.Text type="danger">{error}</Typography.Text>}
      </Space>
      {rows === null ? (
        <Empty description={t('crm.customers.hint')} style={{ marginTop: 48 }} />
      ) : (
        <Table
          rowKey="id"
          size="small"
          loading={loading}
          dataSource={rows}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: t('crm.customers.none', { q }) }}
          onRow={(c) => ({ onClick: () => navigate(`/crm/customers/${c.id}`), style: { cursor: 'pointer' } })}
          columns={[
            {
              title: t('crm.customer.name'),
              dataIndex: 'name',
              render: (name: string, c: Customer) => (
                <Space size={4}>
                  <Typography.Link>{name}</Typography.Link>
                  {c.kind === 'organization' && <Tag>{t('crm.kind.organization')}</Tag>}
                </Space>
              ),
            },
            {
              title: t('crm.customer.phones'),
              dataIndex: 'phones',
              render: (_: unknown, c: Customer) => c.phones.map((p) => p.raw).join('，'),
            },
            { title: t('crm.customer.idNumber'), dataIndex: 'idNumber' },
            { title: t('crm.customer.address'), dataIndex: 'address', ellipsis: true },
            { title: t('crm.customer.updatedAt'), dataIndex: 'updatedAt', width: 150, render: formatTime },
          ]}
        />
      )}
      <CustomerForm
        open={creating}
        customer={null}
        onClose={() => setCreating(false)}
        onSaved={(c) => {
          setCreating(false);
          navigate(`/crm/customers/${c.id}`);
        }}
      />
    </>
  );
}
