import { ApartmentOutlined, AuditOutlined, DashboardOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import type { FeatureDef } from '../../shared/feature.ts';
import { addMessages } from '../../shared/i18n.tsx';
import { AccountPage } from '../account/account-page.tsx';
import { AuditPage } from './audit-page.tsx';
import { DepartmentsPage } from './departments-page.tsx';
import { adminMessages } from './messages.ts';
import { OverviewPage } from './overview-page.tsx';
import { UsersPage } from './users-page.tsx';

addMessages(adminMessages);

const ALL = ['admin', 'supervisor', 'agent', 'qa', 'department', 'leader'] as const;

export const adminFeature: FeatureDef = {
  key: 'admin',
  pages: [
    {
      path: '/admin/overview',
      menuKey: 'menu.overview',
      icon: <DashboardOutlined />,
      roles: ['admin'],
      component: OverviewPage,
      group: 'menu.admin',
      order: 90,
    },
    {
      path: '/admin/users',
      menuKey: 'menu.users',
      icon: <TeamOutlined />,
      roles: ['admin'],
      component: UsersPage,
      group: 'menu.admin',
      order: 91,
    },
    {
      path: '/admin/departments',
      menuKey: 'menu.departments',
      icon: <ApartmentOutlined />,
      roles: ['admin'],
      component: DepartmentsPage,
      group: 'menu.admin',
      order: 92,
    },
    {
      path: '/admin/audit',
      menuKey: 'menu.audit',
      icon: <AuditOutlined />,
      roles: ['admin'],
      component: AuditPage,
      group: 'menu.admin',
      order: 93,
    },
    {
      path: '/account',
      menuKey: 'menu.account',
      icon: <UserOutlined />,
      roles: ALL,
      component: AccountPage,
      order: 99,
    },
  ],
};
