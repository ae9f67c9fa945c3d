import type { Department, Role, UserSummary } from '@hotline/contracts';
import { ROLES } from '@hotline/contracts';
import { Button, Form, Input, Modal, message, Select, Switch, Table, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { get, patch, post } from '../../shared/api.ts';
import { useI18n } from '../../shared/i18n.tsx';
import { PageHeader } from '../../shared/page-header.tsx';

interface EditState {
  user: UserSummary | null;
}

export function UsersPage() {
  const { t } = useI18n();
  const [users, setUsers] = useState<UserSummary[]>([]);
  const [departments, setDepartments] = useState<Department[]>([]);
  const [edit, setEdit] = useState<EditState | null>(null);
  const [form] = Form.useForm();
  const load = useCallback(async () => {
    const [u, d] = await Promise.all([
      get<{ users: UserSummary[] }>('/api/v1/users'),
      get<{ departments: Department[] }>('/api/v1/departments'),
    ]);
    setUsers(u.users);
    setDepartments(d.departments);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  const deptName = (id: string | null) => departments.find((d) => d.id === id)?.name ?? '';
  const open = (user: UserSummary | null) => {
    form.resetFields();
    if (user) form.setFieldsValue({ ...user, password: undefined });
    else form.setFieldsValue({ roles: ['agent'], locale: 'zh-CN', active: true });
    setEdit({ user });
  };
  const save = async () => {
    const v = (await form.validateFields()) as Record<string, unknown>;
    try {
      if (edit?.user) {
        const body: Record<string, unknown> = {
          displayName: v.displayName,
          roles: v.roles,
          departmentId: v.departmentId ?? null,
          active: v.active,
          locale: v.locale,
        };
        if (v.password) body.password = v.password;
        await patch(`/api/v1/users/${edit.user.id}`, body);
      } else {
        await post('/api/v1/users', { ...v, departmentId: v.departmentId ?? null });
      }
      message.success(t('common.saved'));
      setEdit(null);
      await load();
    } catch (e) {
      message.error(t('common.error', { message: (e as Error).message }));
    }
  };
  return (
    <>
      <PageHeader
        title={t('users.title')}
        extra={
          <Button type="primary" onClick={() => open(null)} data-testid="user-new">
            {t('common.create')}
          </Button>
        }
      />
      <Table
        rowKey="id"
        dataSource={users}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: t('users.username'), dataIndex: 'username' },
          { title: t('users.displayName'), dataIndex: 'displayName' },
          {
            title: t('users.roles'),
            dataIndex: 'roles',
            render: (roles: Role[]) => roles.map((r) => <Tag key={r}>{t(`role.${r}`)}</Tag>),
          },
          { title: t('users.department'), dataIndex: 'departmentId', render: (id: string | null) => deptName(id) },
          {
            title: t('users.active'),
            dataIndex: 'active',
            render: (a: boolean) => (a ? <Tag color="green">{t('common.yes')}</Tag> : <Tag>{t('common.no')}</Tag>),
          },
          {
            title: t('common.actions'),
            render: (_: unknown, u: UserSummary) => (
              <Button size="small" onClick={() => open(u)}>
                {t('common.edit')}
              </Button>
            ),
          },
        ]}
      />
      <Modal
        open={!!edit}
        title={edit?.user ? t('users.edit') : t('users.create')}
        onOk={() => void save()}
        onCancel={() => setEdit(null)}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item
            name="username"
            label={t('users.username')}
            rules={[{ required: true, pattern: /^[a-z0-9][a-z0-9._-]{1,31}$/ }]}
          >
            <Input disabled={!!edit?.user} />
          </Form.Item>
          <Form.Item name="displayName" label={t('users.displayName')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item
            name="password"
            label={edit?.user ? t('users.resetPassword') : t('login.password')}
            rules={[{ required: !edit?.user, min: 10 }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item name="roles" label={t('users.roles')} rules={[{ required: true }]}>
            <Select mode="multiple" options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
          </Form.Item>
          <Form.Item name="departmentId" label={t('users.department')}>
            <Select allowClear options={departments.map((d) => ({ value: d.id, label: d.name }))} />
          </Form.Item>
          <Form.Item name="locale" label={t('users.locale')}>
            <Select
              options={[
                { value: 'zh-CN', label: '简体中文' },
                { value: 'en', label: 'English' },
              ]}
            />
          </Form.Item>
          {edit?.user && (
            <Form.Item name="active" label={t('users.active')} valuePropName="checked">
              <Switch />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}
