import { checkFeatureMessages } from '../../shared/messages-check.ts';
import { crmMessages } from './messages.ts';

checkFeatureMessages({
  bundle: crmMessages,
  dir: import.meta.dirname,
  prefixes: ['crm.', 'menu.crm'],
  minKeys: 100,
  minFamilies: 6,
  allowedLatin: /^(VIP|CSV|xlsx|csv)$/,
});
