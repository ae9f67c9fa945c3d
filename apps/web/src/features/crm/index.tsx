import { ContactsOutlined, ImportOutlined, PhoneOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import type { FeatureDef } from '../../shared/feature.ts';
import { addMessages } from '../../shared/i18n.tsx';
import { CRM_MANAGERS, CRM_READERS } from './common.tsx';
import { CustomerDetailPage } from './customer-detail-page.tsx';
import { CustomersPage } from './customers-page.tsx';
import { ImportPage } from './import-page.tsx';
import { ListsPage } from './lists-page.tsx';
import { crmMessages } from './messages.ts';
import { ScreenPopPage } from './screen-pop-page.tsx';

addMessages(crmMessages);

/**
 * 客户管理: screen pop, customer records, import with its report, black/white/VIP lists.
 * Menu orders sit after the admin group (90–93) so an administrator still lands on the overview.
 */
export const crmFeature: FeatureDef = {
  key: 'crm',
  pages: [
    {
      path: '/crm/screen-pop',
      menuKey: 'menu.crm.screenPop',
      icon: <PhoneOutlined />,
      roles: CRM_READERS,
      component: ScreenPopPage,
      group: 'menu.crm',
      order: 94.0,
    },
    {
      path: '/crm/customers',
      menuKey: 'menu.crm.customers',
      icon: <ContactsOutlined />,
      roles: CRM_READERS,
      component: CustomersPage,
      group: 'menu.crm',
      order: 94.1,
    },
    { path: '/crm/customers/:id', roles: CRM_READERS, component: CustomerDetailPage },
    {
      path: '/crm/import',
      menuKey: 'menu.crm.import',
      icon: <ImportOutlined />,
      roles: CRM_MANAGERS,
      component: ImportPage,
      group: 'menu.crm',
      order: 94.2,
    },
    {
      path: '/crm/lists',
      menuKey: 'menu.crm.lists',
      icon: <SafetyCertificateOutlined />,
      roles: CRM_READERS,
      component: ListsPage,
      group: 'menu.crm',
      order: 94.3,
    },
  ],
};
