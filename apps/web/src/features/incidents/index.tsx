import { AlertOutlined } from '@ant-design/icons';
import type { FeatureDef } from '../../shared/feature.ts';
import { addMessages } from '../../shared/i18n.tsx';
import { IncidentDetailPage } from './incident-detail-page.tsx';
import { IncidentsPage } from './incidents-page.tsx';
import { incidentsMessages } from './messages.ts';
import { READERS } from './model.ts';

addMessages(incidentsMessages);

/**
 * 突发事件: incidents that group the cases they cause — list, declare/edit (supervisors), detail
 * with the linked cases, resolve/reopen. Read-only for agents, QA and leaders. In the work-order
 * menu group, after the center's lists.
 */
export const incidentsFeature: FeatureDef = {
  key: 'incidents',
  pages: [
    {
      path: '/incidents',
      menuKey: 'menu.incidents',
      icon: <AlertOutlined />,
      roles: READERS,
      component: IncidentsPage,
      group: 'menu.cases',
      order: 21.5,
    },
    { path: '/incidents/:id', roles: READERS, component: IncidentDetailPage },
  ],
};
