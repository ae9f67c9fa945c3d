import { App, Button, DatePicker, Form, Input, InputNumber, Modal, Select, Table, Tabs, Tag, Tooltip } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { get, post } from '../../shared/api.ts';
import { useI18n } from '../../shared/i18n.tsx';
import { PageHeader } from '../../shared/page-header.tsx';
import { CRM_MANAGERS, formatTime, useErrorText, useHasRole, validValues } from './common.tsx';
import type { CallerList, ListAction, ListEntry } from './types.ts';

const LISTS: CallerList[] = ['black', 'white', 'vip'];
const ACTIONS: Record<CallerList, ListAction[]> = {
  black: ['warn', 'reject', 'hangup'],
  white: ['direct'],
  vip: ['priority', 'direct'],
};

/** `+8613800138000` → `13800138000`, `+8657186661234` → `057186661234` (as dialled nationally). */
export function nationalNumber(key: string): string {
  if (!key.startsWith('+86')) return key;
  const rest = key.slice(3);
  return rest.startsWith('1') ? rest : `0${rest}`;
}

/** 黑白名单: black/white/VIP entries with reason, action and expiry; add and remove are audited. */
export function ListsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const canManage = useHasRole(CRM_MANAGERS);
  const [list, setList] = useState<CallerList>('black');
  const [rows, setRows] = useState<ListEntry[]>([]);
  const [loading, setLoading] = useState(false);
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<ListEntry | null>(null);
  const [addForm] = Form.useForm();
  const [removeForm] = Form.useForm();
  const load = useCallback(async () => {
    setLoading(true);
    try {
      setRows((await get<{ entries: ListEntry[] }>(`/api/v1/crm/lists?list=${list}`)).entries);
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setLoading(false);
    }
  }, [list, message, errorText]);
  useEffect(() => {
    void load();
  }, [load]);
  const add = async () => {
    const v = (await validValues(addForm)) as {
      number: string;
      reason: string;
      action: ListAction;
      priority?: number;
      expiresAt?: string;
    } | null;
    if (!v) return;
    try {
      await post('/api/v1/crm/lists', {
        list,
        number: v.number,
        reason: v.reason,
        action: v.action,
        priority: v.priority ?? 0,
        expiresAt: v.expiresAt ? new Date(v.expiresAt.replace(' ', 'T')).toISOString() : null,
      });
      message.success(t('common.saved'));
      setAdding(false);
      await load();
    } catch (e) {
      message.error(errorText(e));
    }
  };
  const remove = async () => {
    if (!removing) return;
    const v = (await validValues(removeForm)) as { reason: string } | null;
    if (!v) return;
    try {
      await post(`/api/v1/crm/lists/${removing.id}/remove`, { reason: v.reason });
      message.success(t('crm.lists.removed'));
      setRemoving(null);
      await load();
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <>
      <PageHeader
        title={t('crm.lists.title')}
        extra={
          canManage && (
            <Button
              type="primary"
              onClick={() => {
                addForm.resetFields();
                setAdding(true);
              }}
              data-testid="list-add"
            >
              {t('crm.lists.add', { list: t(`crm.list.${list}`) })}
            </Button>
          )
        }
      />
      <Tabs
        activeKey={list}
        onChange={(k) => setList(k as CallerList)}
        items={LISTS.map((l) => ({ key: l, label: t(`crm.list.${l}`) }))}
      />
      <Table
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('crm.lists.empty') }}
        data-testid="list-table"
        columns={[
          {
            title: t('crm.lists.number'),
            dataIndex: 'phoneKey',
            render: (k: string, e: ListEntry) => (
              <Tooltip title={k}>
                {e.customerId ? (
                  <Link to={`/crm/customers/${e.customerId}`}>{nationalNumber(k)}</Link>
                ) : (
                  nationalNumber(k)
                )}
              </Tooltip>
            ),
          },
          { title: t('crm.lists.reason'), dataIndex: 'reason' },
          {
            title: t('crm.lists.action'),
            dataIndex: 'action',
            width: 130,
            render: (a: ListAction | null) => (a ? <Tag>{t(`crm.action.${a}`)}</Tag> : ''),
          },
          ...(list === 'vip' ? [{ title: t('crm.lists.priority'), dataIndex: 'priority', width: 80 }] : []),
          {
            title: t('crm.lists.expiresAt'),
            dataIndex: 'expiresAt',
            width: 150,
            render: (x: string | null) => (x ? formatTime(x) : t('crm.lists.never')),
          },
          { title: t('crm.lists.createdAt'), dataIndex: 'createdAt', width: 150, render: formatTime },
          ...(canManage
            ? [
                {
                  title: t('common.actions'),
                  width: 90,
                  render: (_: unknown, e: ListEntry) => (
                    <Button
                      size="small"
                      danger
                      onClick={() => {
                        removeForm.resetFields();
                        setRemoving(e);
                      }}
                    >
                      {t('crm.lists.remove')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={adding}
        title={t('crm.lists.add', { list: t(`crm.list.${list}`) })}
        onOk={() => void add()}
        onCancel={() => setAdding(false)}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        destroyOnHidden
      >
        <Form
          form={addForm}
          layout="vertical"
          size="small"
          data-testid="list-form"
          initialValues={{ action: ACTIONS[list][0], priority: list === 'vip' ? 10 : 0 }}
        >
          <Form.Item
            name="number"
            label={t('crm.lists.number')}
            rules={[{ required: true, message: t('crm.required') }]}
          >
            <Input maxLength={64} />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('crm.lists.reason')}
            rules={[{ required: true, message: t('crm.required') }]}
          >
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
          <Form.Item name="action" label={t('crm.lists.action')}>
            <Select options={ACTIONS[list].map((a) => ({ value: a, label: t(`crm.action.${a}`) }))} />
          </Form.Item>
          {list === 'vip' && (
            <Form.Item name="priority" label={t('crm.lists.priority')}>
              <InputNumber min={0} max={100} />
            </Form.Item>
          )}
          <Form.Item
            name="expiresAt"
            label={t('crm.lists.expiresAt')}
            extra={t('crm.lists.expiresHelp')}
            getValueFromEvent={(_: unknown, text: string) => text || undefined}
            getValueProps={() => ({})}
          >
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: 220 }} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={!!removing}
        title={t('crm.lists.removeTitle', { number: removing ? nationalNumber(removing.phoneKey) : '' })}
        onOk={() => void remove()}
        onCancel={() => setRemoving(null)}
        okText={t('crm.lists.remove')}
        okButtonProps={{ danger: true }}
        cancelText={t('common.cancel')}
        destroyOnHidden
      >
        <Form form={removeForm} layout="vertical" size="small">
          <Form.Item
            name="reason"
            label={t('crm.lists.removeReason')}
            rules={[{ required: true, message: t('crm.required') }]}
          >
            <Input maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
