import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUSModule from 'antd/locale/en_US.js';
import zhCNModule from 'antd/locale/zh_CN.js';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { LoginPage } from './features/auth/login-page.tsx';
import { PortalPage } from './features/portal/index.tsx';
import { features } from './features/registry.ts';
import { AuthProvider, useAuth } from './shared/auth.tsx';
import { I18nProvider, useI18n } from './shared/i18n.tsx';
import { AppLayout, visiblePages } from './shared/layout.tsx';

type AntLocale = NonNullable<Parameters<typeof ConfigProvider>[0]['locale']>;
/** antd ships its locales as CommonJS; the bundler and the type checker see the default differently. */
const interop = (m: unknown): AntLocale => ((m as { default?: AntLocale }).default ?? m) as AntLocale;
const enUS = interop(enUSModule);
const zhCN = interop(zhCNModule);

const pages = features.flatMap((f) => f.pages);

function Routed() {
  const { user, loading } = useAuth();
  const { pathname } = useLocation();
  // The citizen portal is public: it renders outside the login gate and the staff shell.
  if (pathname === '/portal' || pathname.startsWith('/portal/')) return <PortalPage />;
  if (loading) return <Spin fullscreen />;
  if (!user) return <LoginPage />;
  const mine = visiblePages(pages, user.roles);
  const home = mine.filter((p) => p.menuKey).sort((a, b) => (a.order ?? 50) - (b.order ?? 50))[0]?.path ?? '/account';
  return (
    <Routes>
      <Route element={<AppLayout pages={pages} />}>
        {mine.map((p) => (
          <Route key={p.path} path={p.path} element={<p.component />} />
        ))}
        <Route path="*" element={<Navigate to={home} replace />} />
      </Route>
    </Routes>
  );
}

function Themed() {
  const { locale } = useI18n();
  return (
    <ConfigProvider
      locale={locale === 'en' ? enUS : zhCN}
      theme={{ token: { colorPrimary: '#1f4e96', borderRadius: 4 } }}
    >
      <AntApp>
        <AuthProvider>
          <BrowserRouter>
            <Routed />
          </BrowserRouter>
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <I18nProvider>
      <Themed />
    </I18nProvider>
  );
}
