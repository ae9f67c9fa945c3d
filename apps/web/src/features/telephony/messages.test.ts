import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkFeatureMessages } from '../../shared/messages-check.ts';
import { telephonyMessages } from './messages.ts';

checkFeatureMessages({
  bundle: telephonyMessages,
  dir: import.meta.dirname,
  prefixes: ['tel.', 'menu.telephony'],
  minKeys: 80,
  minFamilies: 6,
  allowedLatin: /^(SIP|SHA|IP|Q)$/,
  minLatin: 2,
  skipFiles: ['messages.ts'],
});

test('every permission class, hang-up side, alert kind and direction has a string', () => {
  const bundle = telephonyMessages.en;
  for (const p of ['internal', 'local', 'national', 'international']) assert.ok(`tel.perm.${p}` in bundle);
  for (const b of ['local', 'remote', 'control', 'system']) assert.ok(`tel.cdr.hangupBy.${b}` in bundle);
  for (const k of ['auth_failed', 'unauthenticated_external', 'permission_denied', 'outbound_volume', 'trunk_limit'])
    assert.ok(`tel.alert.kind.${k}` in bundle, k);
});
