import { checkFeatureMessages } from '../../shared/messages-check.ts';
import { kbMessages } from './messages.ts';

checkFeatureMessages({
  bundle: kbMessages,
  dir: import.meta.dirname,
  prefixes: ['kb.', 'menu.kb'],
  minKeys: 60,
  minFamilies: 4,
  allowedLatin: /^(VIP|CSV|xlsx|csv|https|mailto|tel)$/,
});
