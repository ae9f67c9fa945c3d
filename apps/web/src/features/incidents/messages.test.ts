import { checkFeatureMessages } from '../../shared/messages-check.ts';
import { incidentsMessages } from './messages.ts';

checkFeatureMessages({
  bundle: incidentsMessages,
  dir: import.meta.dirname,
  prefixes: ['incidents.', 'menu.incidents'],
  minKeys: 40,
  minFamilies: 3,
  allowedLatin: /^(DN)$/,
});
