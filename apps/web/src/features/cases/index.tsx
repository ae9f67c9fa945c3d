import {
  BarChartOutlined,
  CalendarOutlined,
  ClusterOutlined,
  FileAddOutlined,
  InboxOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import type { FeatureDef } from '../../shared/feature.ts';
import { addMessages } from '../../shared/i18n.tsx';
import { AdminCalendarPage } from './admin-calendar-page.tsx';
import { AdminCategoriesPage } from './admin-categories-page.tsx';
import { CaseDetailPage } from './case-detail-page.tsx';
import { CenterPage } from './center-page.tsx';
import { DepartmentPage } from './department-page.tsx';
import { casesMessages } from './messages.ts';
import { adminEn } from './messages-admin-en.ts';
import { adminZh } from './messages-admin-zh.ts';
import { MetricsPage } from './metrics-page.tsx';
import { RegisterPage } from './register-page.tsx';

addMessages(casesMessages);
addMessages({ 'zh-CN': adminZh, en: adminEn });

/**
 * Work orders (工单): intake, the center's lists, case detail with actions, the department portal,
 * metrics, and the catalog administration (categories with time limits, the working-day calendar).
 */
export const casesFeature: FeatureDef = {
  key: 'cases',
  pages: [
    {
      path: '/cases/new',
      menuKey: 'menu.cases.register',
      icon: <FileAddOutlined />,
      roles: ['agent', 'supervisor', 'admin'],
      component: RegisterPage,
      group: 'menu.cases',
      order: 20,
    },
    {
      path: '/cases',
      menuKey: 'menu.cases.center',
      icon: <UnorderedListOutlined />,
      roles: ['agent', 'supervisor', 'admin', 'qa', 'leader'],
      component: CenterPage,
      group: 'menu.cases',
      order: 21,
    },
    {
      path: '/department/cases',
      menuKey: 'menu.cases.department',
      icon: <InboxOutlined />,
      roles: ['department'],
      component: DepartmentPage,
      group: 'menu.cases',
      order: 20,
    },
    {
      path: '/cases/metrics',
      menuKey: 'menu.cases.metrics',
      icon: <BarChartOutlined />,
      roles: ['leader', 'supervisor', 'admin'],
      component: MetricsPage,
      group: 'menu.cases',
      order: 22,
    },
    {
      path: '/admin/case-categories',
      menuKey: 'menu.cases.categories',
      icon: <ClusterOutlined />,
      roles: ['admin', 'supervisor'],
      component: AdminCategoriesPage,
      group: 'menu.cases',
      order: 28,
    },
    {
      path: '/admin/case-calendar',
      menuKey: 'menu.cases.calendar',
      icon: <CalendarOutlined />,
      roles: ['admin', 'supervisor'],
      component: AdminCalendarPage,
      group: 'menu.cases',
      order: 29,
    },
    {
      path: '/cases/:id',
      roles: ['agent', 'supervisor', 'admin', 'qa', 'leader', 'department'],
      component: CaseDetailPage,
    },
  ],
};
