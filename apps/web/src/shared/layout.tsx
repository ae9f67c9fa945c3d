import { GlobalOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import type { MenuProps } from 'antd';
import { Button, Dropdown, Layout, Menu, Space, Tag, Typography } from 'antd';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useAuth } from './auth.tsx';
import type { PageDef } from './feature.ts';
import { useI18n } from './i18n.tsx';

export function visiblePages(pages: PageDef[], roles: readonly string[]): PageDef[] {
  return pages.filter((p) => p.roles.some((r) => roles.includes(r)));
}

export function AppLayout({ pages }: { pages: PageDef[] }) {
  const { user, logout } = useAuth();
  const { t, locale, setLocale } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const mine = visiblePages(pages, user?.roles ?? []).filter((p) => p.menuKey);
  const groups = new Map<string, PageDef[]>();
  for (const p of mine.sort((a, b) => (a.order ?? 50) - (b.order ?? 50))) {
    const g = p.group ?? '';
    groups.set(g, [...(groups.get(g) ?? []), p]);
  }
  const items: MenuProps['items'] = [];
  for (const [group, ps] of groups) {
    const entries = ps.map((p) => ({ key: p.path, icon: p.icon, label: t(p.menuKey ?? p.path) }));
    if (group) items.push({ type: 'group', key: group, label: t(group), children: entries });
    else items.push(...entries);
  }
  const selected = mine
    .map((p) => p.path)
    .filter((p) => location.pathname === p || location.pathname.startsWith(`${p}/`))
    .sort((a, b) => b.length - a.length)[0];
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        width={220}
        theme="light"
        breakpoint="lg"
        collapsedWidth={0}
        style={{ borderRight: '1px solid #f0f0f0' }}
      >
        <div style={{ padding: '18px 20px', fontWeight: 700, fontSize: 17, color: '#1f4e96' }} data-testid="app-name">
          {t('app.name')}
        </div>
        <Menu
          mode="inline"
          items={items}
          selectedKeys={selected ? [selected] : []}
          onClick={(e) => navigate(e.key)}
          style={{ borderInlineEnd: 'none' }}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: '#fff',
            display: 'flex',
            justifyContent: 'flex-end',
            alignItems: 'center',
            gap: 12,
            paddingInline: 24,
          }}
        >
          <Button
            icon={<GlobalOutlined />}
            onClick={() => setLocale(locale === 'zh-CN' ? 'en' : 'zh-CN')}
            data-testid="lang-switch"
          >
            {t('shell.language')}
          </Button>
          <Dropdown
            menu={{
              items: [
                {
                  key: 'account',
                  icon: <UserOutlined />,
                  label: t('shell.account'),
                  onClick: () => navigate('/account'),
                },
                { key: 'logout', icon: <LogoutOutlined />, label: t('shell.logout'), onClick: () => void logout() },
              ],
            }}
          >
            <Space style={{ cursor: 'pointer' }} data-testid="user-menu">
              <UserOutlined />
              <Typography.Text strong>{user?.displayName}</Typography.Text>
              {user?.roles.map((r) => (
                <Tag key={r} color="blue">
                  {t(`role.${r}`)}
                </Tag>
              ))}
            </Space>
          </Dropdown>
        </Layout.Header>
        <Layout.Content style={{ margin: 24 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
