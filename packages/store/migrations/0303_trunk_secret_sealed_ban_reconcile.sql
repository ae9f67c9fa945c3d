-- Telephony: outbound trunk passwords encrypted at rest, and bans reconciled with the switch.
--
-- 1. `sip_trunks.password` is the carrier's secret the switch presents as a digest client; unlike
--    extension and inbound passwords (0301, HA1) it must be recoverable, so control keeps it
--    sealed with AES-256-GCM under a master key that is not in the database (HOTLINE_SECRET_KEY or
--    <dataDir>/secret-key; docs/decisions/0309): `v1:<iv>:<tag>:<ciphertext>`, standard base64.
--    The key is not available to SQL, so rows written in clear before this migration are sealed by
--    control at start-up (apps/hotline/src/switch/trunk-secrets.ts) — hence NOT VALID: existing rows
--    are not checked now, every row inserted or updated from here on is, so no writer (admin API,
--    seeder, psql) can put a clear password back. This is a format check only: it cannot tell a
--    sealed value from a forged one; GCM's tag does that when control opens it.
alter table sip_trunks add constraint sip_trunks_password_sealed
  check (password is null or password ~ '^v1:[A-Za-z0-9+/]{16}:[A-Za-z0-9+/]{22}==:[A-Za-z0-9+/]*={0,2}$')
  not valid;
comment on column sip_trunks.password is
  'outbound digest password, sealed v1:<iv>:<tag>:<ciphertext> (AES-256-GCM, key outside the database)';

-- 2. Control reconciles its open bans with the `bans` of the switch's snapshot on every (re)connect
--    (docs/decisions/0310). A row open here but unknown to the switch, before its end, is closed as
--    'switch_lost': the switch no longer enforces it (data directory wiped, another switch). A later
--    `unban` event from the switch for that ban still records the switch's own reason.
alter table telephony_bans drop constraint telephony_bans_lifted_by_check;
alter table telephony_bans add constraint telephony_bans_lifted_by_check
  check (lifted_by in ('expiry', 'control', 'switch_lost'));
