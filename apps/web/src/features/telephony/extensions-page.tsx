import type { ExtensionView, PermissionClass, UserSummary } from '@hotline/contracts';
import { App, Form, Input, Select, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { del, get, patch, post } from '../../shared/api.ts';
import { useI18n } from '../../shared/i18n.tsx';
import { formatTime, useFailure } from './common.tsx';
import { CrudTablePage, type Push, useCrudEditor } from './crud-table-page.tsx';

const API = '/api/v1/admin/telephony/extensions';

const PERMISSIONS: PermissionClass[] = ['internal', 'local', 'national', 'international'];
const PERM_COLOR: Record<PermissionClass, string> = {
  internal: 'default',
  local: 'blue',
  national: 'gold',
  international: 'red',
};

/** 分机: SIP extensions — number, display name, password (never shown), outbound permission class, linked user. */
export function ExtensionsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const fail = useFailure();
  const [rows, setRows] = useState<ExtensionView[]>([]);
  const [users, setUsers] = useState<UserSummary[]>([]);

  const load = useCallback(async () => {
    const [e, u] = await Promise.all([
      get<{ extensions: ExtensionView[] }>(API),
      get<{ users: UserSummary[] }>('/api/v1/users'),
    ]);
    setRows(e.extensions);
    setUsers(u.users);
  }, []);
  useEffect(() => {
    load().catch(fail);
  }, [load, fail]);

  const editor = useCrudEditor<ExtensionView>({
    reload: load,
    initial: (e) =>
      e === 'new'
        ? { permission: 'internal' }
        : { displayName: e.displayName, permission: e.permission, userId: e.userId },
  });
  const save = () =>
    editor.save((v, editing) => {
      const body: Record<string, unknown> = {
        displayName: v.displayName ?? '',
        permission: v.permission,
        userId: v.userId ?? null,
      };
      if (v.password) body.password = v.password;
      return editing === 'new'
        ? post<Push>(API, { ...body, extension: v.extension })
        : patch<Push>(`${API}/${editing.extension}`, body);
    });
  const remove = async (e: ExtensionView) => {
    if (await editor.run(del<Push>(`${API}/${e.extension}`))) message.info(t('tel.deleted'));
  };
  const { editing } = editor;

  return (
    <CrudTablePage<ExtensionView>
      title={t('tel.ext.title')}
      newLabel={t('tel.ext.new')}
      testId="ext"
      editor={editor}
      rows={rows}
      rowKey="extension"
      pagination={{ pageSize: 50, hideOnSinglePage: true }}
      onDelete={(e) => void remove(e)}
      dialogTitle={editing === 'new' ? t('tel.ext.new') : t('tel.ext.edit', { ext: editing?.extension ?? '' })}
      onSave={() => void save()}
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
      ]}
    >
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
    </CrudTablePage>
  );
}
