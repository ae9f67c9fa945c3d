-- Telephony: 来电区域 (caller region) stored on each call record — requirement P1/G4.
--
-- Control fills these when it stores a leg's CDR, from @hotline/crm's number → region data (mobile
-- 号段 or landline area code; a local number without area code takes its trunk's area code). Null
-- where the number says nothing (extensions, short service numbers, international, unknown
-- segments). `caller_region` is the compact label (`浙江省杭州市`); province and city are split out
-- for statistics by region.
alter table call_cdrs
  add column caller_region text,
  add column caller_province text,
  add column caller_city text;

-- The lookup is TypeScript data, so the rows already stored cannot be filled here: they are marked
-- pending (the default true applies to existing rows only) and control fills them once, in batches,
-- when it starts (apps/hotline/src/switch/cdr-region.ts).
alter table call_cdrs add column caller_region_pending boolean not null default true;
alter table call_cdrs alter column caller_region_pending set default false;
create index call_cdrs_region_pending on call_cdrs (leg_id) where caller_region_pending;

-- Reports: calls per province / city over a period.
create index call_cdrs_region on call_cdrs (caller_province, caller_city, started_at);
