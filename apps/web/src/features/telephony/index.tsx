import {
  ApiOutlined,
  AudioOutlined,
  BranchesOutlined,
  CloudServerOutlined,
  PhoneOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import type { FeatureDef } from '../../shared/feature.ts';
import { addMessages } from '../../shared/i18n.tsx';
import { CdrsPage } from './cdrs-page.tsx';
import { CDR_READERS, RECORDING_ROLES, STATUS_READERS, SWITCH_ADMINS } from './common.tsx';
import { ExtensionsPage } from './extensions-page.tsx';
import { telephonyMessages } from './messages.ts';
import { RecordingsPage } from './recordings-page.tsx';
import { RoutingPage } from './routing-page.tsx';
import { StatusPage } from './status-page.tsx';
import { TrunksPage } from './trunks-page.tsx';

addMessages(telephonyMessages);

/**
 * 电话系统: call records, recordings (admin/supervisor/qa), the switch configuration (admin) and the
 * switch's status and alerts. Menu orders sit after the admin and CRM groups.
 */
export const telephonyFeature: FeatureDef = {
  key: 'telephony',
  pages: [
    {
      path: '/telephony/cdrs',
      menuKey: 'menu.telephony.cdrs',
      icon: <UnorderedListOutlined />,
      roles: CDR_READERS,
      component: CdrsPage,
      group: 'menu.telephony',
      order: 95.0,
    },
    {
      path: '/telephony/recordings',
      menuKey: 'menu.telephony.recordings',
      icon: <AudioOutlined />,
      roles: RECORDING_ROLES,
      component: RecordingsPage,
      group: 'menu.telephony',
      order: 95.1,
    },
    {
      path: '/telephony/status',
      menuKey: 'menu.telephony.status',
      icon: <CloudServerOutlined />,
      roles: STATUS_READERS,
      component: StatusPage,
      group: 'menu.telephony',
      order: 95.2,
    },
    {
      path: '/telephony/extensions',
      menuKey: 'menu.telephony.extensions',
      icon: <PhoneOutlined />,
      roles: SWITCH_ADMINS,
      component: ExtensionsPage,
      group: 'menu.telephony',
      order: 95.3,
    },
    {
      path: '/telephony/trunks',
      menuKey: 'menu.telephony.trunks',
      icon: <ApiOutlined />,
      roles: SWITCH_ADMINS,
      component: TrunksPage,
      group: 'menu.telephony',
      order: 95.4,
    },
    {
      path: '/telephony/routing',
      menuKey: 'menu.telephony.routing',
      icon: <BranchesOutlined />,
      roles: SWITCH_ADMINS,
      component: RoutingPage,
      group: 'menu.telephony',
      order: 95.5,
    },
  ],
};
