import { Alert, Button, Card, Descriptions, Form, Input, message, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { del, get, post } from '../../shared/api.ts';
import { useAuth } from '../../shared/auth.tsx';
import { useI18n } from '../../shared/i18n.tsx';
import { PageHeader } from '../../shared/page-header.tsx';

interface Token {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const TOKEN_ROLES = ['admin', 'supervisor', 'leader'];

export function AccountPage() {
  const { user } = useAuth();
  const { t } = useI18n();
  const [form] = Form.useForm();
  const [tokens, setTokens] = useState<Token[]>([]);
  const [newToken, setNewToken] = useState<string | null>(null);
  const canTokens = !!user?.roles.some((r) => TOKEN_ROLES.includes(r));
  const loadTokens = useCallback(async () => {
    if (canTokens) setTokens((await get<{ tokens: Token[] }>('/api/v1/tokens')).tokens);
  }, [canTokens]);
  useEffect(() => {
    void loadTokens();
  }, [loadTokens]);
  const changePassword = async (v: { currentPassword: string; newPassword: string }) => {
    try {
      await post('/api/v1/auth/password', v);
      message.success(t('account.passwordChanged'));
      form.resetFields();
    } catch (e) {
      message.error(t('common.error', { message: (e as Error).message }));
    }
  };
  const createToken = async (v: { name: string }) => {
    const r = await post<{ token: string }>('/api/v1/tokens', { name: v.name });
    setNewToken(r.token);
    await loadTokens();
  };
  return (
    <>
      <PageHeader title={t('shell.account')} />
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Card>
          <Descriptions column={2}>
            <Descriptions.Item label={t('users.username')}>{user?.username}</Descriptions.Item>
            <Descriptions.Item label={t('users.displayName')}>{user?.displayName}</Descriptions.Item>
            <Descriptions.Item label={t('users.roles')}>
              {user?.roles.map((r) => (
                <Tag key={r}>{t(`role.${r}`)}</Tag>
              ))}
            </Descriptions.Item>
          </Descriptions>
        </Card>
        <Card title={t('account.changePassword')}>
          {user?.mustChangePassword && (
            <Alert type="warning" title={t('account.mustChange')} style={{ marginBottom: 16 }} />
          )}
          <Form form={form} layout="inline" onFinish={changePassword}>
            <Form.Item name="currentPassword" rules={[{ required: true }]}>
              <Input.Password placeholder={t('account.current')} autoComplete="current-password" />
            </Form.Item>
            <Form.Item name="newPassword" rules={[{ required: true, min: 10 }]}>
              <Input.Password placeholder={t('account.new')} autoComplete="new-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit">
              {t('common.save')}
            </Button>
          </Form>
        </Card>
        {canTokens && (
          <Card title={t('account.tokens')}>
            {newToken && (
              <Alert
                type="success"
                style={{ marginBottom: 16 }}
                title={t('account.tokenOnce')}
                description={
                  <Typography.Text copyable code>
                    {newToken}
                  </Typography.Text>
                }
              />
            )}
            <Form layout="inline" onFinish={createToken} style={{ marginBottom: 16 }}>
              <Form.Item name="name" rules={[{ required: true }]}>
                <Input placeholder={t('account.tokenName')} />
              </Form.Item>
              <Button htmlType="submit">{t('common.create')}</Button>
            </Form>
            <Table
              rowKey="id"
              size="small"
              dataSource={tokens}
              pagination={false}
              columns={[
                { title: t('account.tokenName'), dataIndex: 'name' },
                { title: t('account.prefix'), dataIndex: 'prefix', render: (p: string) => <code>{p}…</code> },
                {
                  title: t('account.lastUsed'),
                  dataIndex: 'lastUsedAt',
                  render: (v: string | null) => (v ? new Date(v).toLocaleString() : '—'),
                },
                {
                  title: t('common.actions'),
                  render: (_: unknown, tk: Token) =>
                    tk.revokedAt ? (
                      <Tag>{t('account.revoked')}</Tag>
                    ) : (
                      <Button size="small" danger onClick={() => void del(`/api/v1/tokens/${tk.id}`).then(loadTokens)}>
                        {t('account.revoke')}
                      </Button>
                    ),
                },
              ]}
            />
          </Card>
        )}
      </Space>
    </>
  );
}
