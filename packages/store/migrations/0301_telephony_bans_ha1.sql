-- Telephony (issue 3 + 5 follow-up): SIP credentials as digest HA1, and the SIP guard's bans.
--
-- 1. Credentials (docs/decisions/0305). Digest needs H(user:realm:password) only, so that is what is
--    kept: MD5 (RFC 2617, deployed phones) and SHA-256 (RFC 7616/8760), for the switch's realm
--    'hotline' (SIP_REALM in @hotline/contracts). The clear columns stay as write-only inputs: a
--    trigger turns any password written into HA1 and stores the marker '(ha1)' ("a password is
--    set"; '' / NULL: none), so no writer — admin API, demo seeder, psql — can leave a clear
--    password in the table, and readers that only ask "is one set?" keep working. The marker is
--    shorter than any password the admin API accepts (8+), and writing it back changes nothing.
--    Outbound trunk passwords (`password`, the carrier's secret we present) stay clear: we answer
--    challenges for a realm the carrier names.
alter table sip_extensions add column ha1_md5 text, add column ha1_sha256 text;
update sip_extensions set
  ha1_md5 = md5(extension || ':hotline:' || password),
  ha1_sha256 = encode(sha256(convert_to(extension || ':hotline:' || password, 'UTF8')), 'hex'),
  password = '(ha1)'
where password <> '';

alter table sip_trunks add column inbound_ha1_md5 text, add column inbound_ha1_sha256 text;
update sip_trunks set
  inbound_ha1_md5 = md5(inbound_user || ':hotline:' || inbound_password),
  inbound_ha1_sha256 = encode(sha256(convert_to(inbound_user || ':hotline:' || inbound_password, 'UTF8')), 'hex'),
  inbound_password = '(ha1)'
where inbound_user is not null and inbound_password is not null;
update sip_trunks set inbound_password = null where inbound_password <> '(ha1)';

create function sip_extensions_hash_password() returns trigger language plpgsql as $$
begin
  if new.password <> '' and new.password <> '(ha1)' then
    new.ha1_md5 := md5(new.extension || ':hotline:' || new.password);
    new.ha1_sha256 := encode(sha256(convert_to(new.extension || ':hotline:' || new.password, 'UTF8')), 'hex');
    new.password := '(ha1)';
  elsif new.password = '' or (tg_op = 'UPDATE' and new.extension <> old.extension) then
    -- No password, or a renumbered extension (HA1 includes the user name): none is set.
    new.ha1_md5 := null;
    new.ha1_sha256 := null;
    new.password := '';
  end if;
  return new;
end $$;
create trigger sip_extensions_hash_password before insert or update on sip_extensions
  for each row execute function sip_extensions_hash_password();

create function sip_trunks_hash_password() returns trigger language plpgsql as $$
begin
  if new.inbound_user is null or new.inbound_password is null then
    new.inbound_ha1_md5 := null;
    new.inbound_ha1_sha256 := null;
    new.inbound_password := null;
  elsif new.inbound_password <> '(ha1)' then
    new.inbound_ha1_md5 := md5(new.inbound_user || ':hotline:' || new.inbound_password);
    new.inbound_ha1_sha256 := encode(
      sha256(convert_to(new.inbound_user || ':hotline:' || new.inbound_password, 'UTF8')), 'hex');
    new.inbound_password := '(ha1)';
  elsif tg_op = 'UPDATE' and new.inbound_user is distinct from old.inbound_user then
    -- The user name changed but not the password: the old HA1 no longer matches.
    new.inbound_ha1_md5 := null;
    new.inbound_ha1_sha256 := null;
    new.inbound_password := null;
  end if;
  return new;
end $$;
create trigger sip_trunks_hash_password before insert or update on sip_trunks
  for each row execute function sip_trunks_hash_password();

alter table sip_extensions add constraint sip_extensions_no_clear_password check (password in ('', '(ha1)'));
alter table sip_trunks add constraint sip_trunks_no_clear_inbound_password
  check (inbound_password is null or inbound_password = '(ha1)');

-- 2. Bans of the switch's SIP guard (docs/decisions/0102, 0304), as reported by `ban` / `unban`
--    call-control events; one row per ban (kind, key, since), lifted by expiry or by an admin.
create table telephony_bans (
  kind text not null check (kind in ('ip', 'user')),
  key text not null,
  since timestamptz not null,
  until timestamptz not null,
  reason text not null,
  failures integer not null,
  switch_id text not null,
  event_id text not null unique,
  lifted_at timestamptz,
  lifted_by text check (lifted_by in ('expiry', 'control')),
  lift_event_id text unique,
  primary key (kind, key, since)
);
create index telephony_bans_open on telephony_bans (until) where lifted_at is null;
create index telephony_bans_since on telephony_bans (since desc);
