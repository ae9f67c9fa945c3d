import type { ExtensionView, PermissionClass, UserSummary } from '@hotline/contracts';
import { App, Button, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { del, get, patch, post } from '../../shared/api.ts';
import { useI18n } from '../../shared/i18n.tsx';
import { PageHeader } from '../../shared/page-header.tsx';
import { formatTime, formValues, useFailure, usePushNotice } from './common.tsx';

const PERMISSIONS: PermissionClass[] = ['internal', 'local', 'national', 'international'];
const PERM_COLOR: Record<PermissionClass, string> = {
  internal: 'default',
  local: 'blue',
  national: 'gold',
  international: 'red',
};

type Push = { switch: { connected: boolean } };

/** 分机: SIP extensions — number, display name, password (never shown), outbound permission class, linked user. */
export function ExtensionsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const notice = usePushNotice();
  const fail = useFailure();
  const [rows, setRows] = useState<ExtensionView[]>([]);
  const [users, setUsers] = useState<UserSummary[]>([]);
  const [editing, setEditing] = useState<ExtensionView | 'new' | null>(null);
  const [form] = Form.useForm();

  const load = useCallback(async () => {
    const [e, u] = await Promise.all([
      get<{ extensions: ExtensionView[] }>('/api/v1/admin/telephony/extensions'),
      get<{ users: UserSummary[] }>('/api/v1/users'),
    ]);
    setRows(e.extensions);
    setUsers(u.users);
  }, []);
  useEffect(() => {
    load().catch(fail);
  }, [load, fail]);

  const open = (e: ExtensionView | 'new') => {
    form.resetFields();
    if (e === 'new') form.setFieldsValue({ permission: 'internal' });
    else form.setFieldsValue({ displayName: e.displayName, permission: e.permission, userId: e.userId });
    setEditing(e);
  };
  const save = async () => {
    const v = await formValues<Record<string, unknown>>(form);
    if (!v) return;
    const body: Record<string, unknown> = {
      displayName: v.displayName ?? '',
      permission: v.permission,
      userId: v.userId ?? null,
    };
    if (v.password) body.password = v.password;
    try {
      const r =
        editing === 'new'
          ? await post<Push>('/api/v1/admin/telephony/extensions', { ...body, extension: v.extension })
          : await patch<Push>(`/api/v1/admin/telephony/extensions/${(editing as ExtensionView).extension}`, body);
      notice(r);
      form.resetFields();
      setEditing(null);
      await load();
    } catch (e) {
      fail(e);
    }
  };
  const remove = async (ext: string) => {
    try {
      notice(await del<Push>(`/api/v1/admin/telephony/extensions/${ext}`));
      message.info(t('tel.deleted'));
      await load();
    } catch (e) {
      fail(e);
    }
  };

  return (
    <>
      <PageHeader
        title={t('tel.ext.title')}
        extra={
          <Button type="primary" onClick={() => open('new')} data-testid="ext-new">
            {t('tel.ext.new')}
          </Button>
        }
      />
      <Table<ExtensionView>
        rowKey="extension"
        size="middle"
        dataSource={rows}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          { title: t('tel.ext.extension'), dataIndex: 'extension', width: 100 },
          { title: t('tel.ext.displayName'), dataIndex: 'displayName' },
          {
            title: t('tel.ext.permission'),
            dataIndex: 'permission',
            render: (p: PermissionClass) => <Tag color={PERM_COLOR[p]}>{t(`tel.perm.${p}`)}</Tag>,
          },
          { title: t('tel.ext.user'), dataIndex: 'userName', render: (v: string | null) => v ?? '' },
          {
            title: t('tel.ext.password'),
            dataIndex: 'passwordSet',
            render: (s: boolean) => (s ? <Tag color="green">{t('tel.set')}</Tag> : <Tag>{t('tel.notSet')}</Tag>),
          },
          { title: t('tel.ext.created'), dataIndex: 'createdAt', render: (v: string) => formatTime(v) },
          {
            title: t('common.actions'),
            width: 150,
            render: (_: unknown, e) => (
              <Space>
                <Button size="small" onClick={() => open(e)} data-testid={`ext-edit-${e.extension}`}>
                  {t('common.edit')}
                </Button>
                <Popconfirm
                  title={t('tel.deleteConfirm', { name: e.extension })}
                  onConfirm={() => void remove(e.extension)}
                  okText={t('common.yes')}
                  cancelText={t('common.no')}
                >
                  <Button size="small" danger data-testid={`ext-delete-${e.extension}`}>
                    {t('tel.delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('tel.ext.new') : t('tel.ext.edit', { ext: editing?.extension ?? '' })}
        onOk={() => void save()}
        onCancel={() => setEditing(null)}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          {editing === 'new' && (
            <Form.Item
              name="extension"
              label={t('tel.ext.extension')}
              rules={[{ required: true, pattern: /^[0-9]{2,8}$/, message: t('tel.ext.extensionRule') }]}
            >
              <Input />
            </Form.Item>
          )}
          <Form.Item name="displayName" label={t('tel.ext.displayName')}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('tel.ext.password')}
            extra={editing !== 'new' ? t('tel.keepPassword') : undefined}
            rules={[
              { required: editing === 'new', message: t('tel.required') },
              { pattern: /^[\x21-\x7e]{8,128}$/, message: t('tel.ext.passwordRule') },
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item name="permission" label={t('tel.ext.permission')} rules={[{ required: true }]}>
            <Select options={PERMISSIONS.map((p) => ({ value: p, label: t(`tel.perm.${p}`) }))} />
          </Form.Item>
          <Form.Item name="userId" label={t('tel.ext.user')}>
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              options={users.map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` }))}
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
