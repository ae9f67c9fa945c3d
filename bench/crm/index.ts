/**
 * Screen-pop lookup with 1,000,000 customers in PostgreSQL (issue 7: p99 < 20 ms).
 *   npm run bench -- crm [--customers N] [--lookups N]
 * Database: HOTLINE_BENCH_DATABASE_URL, else HOTLINE_TEST_DATABASE_URL, else the local test cluster
 * started by scripts/start-test-postgres. Works in a throw-away schema that is dropped at the end.
 * Loads customers, phones (1–2 each: mobiles and Hangzhou landlines) and water accounts with
 * `insert … select from unnest(…)` in batches, then times `lookupByPhone` (every number presentation)
 * and `lookupByAccount` for random existing and missing numbers, one at a time as a CTI would.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { lookupByAccount, lookupByPhone, saveAccountSchema, WATER_ACCOUNT_SCHEMA } from '@hotline/crm';
import { openStore, sql } from '@hotline/store';

const arg = (name: string, def: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
};
const CUSTOMERS = arg('customers', 1_000_000);
const LOOKUPS = arg('lookups', 5_000);
const BATCH = 20_000;
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国红文辉力峰鹏浩宇晨欣怡梓涵子轩';

function databaseUrl(): string {
  const url = process.env.HOTLINE_BENCH_DATABASE_URL ?? process.env.HOTLINE_TEST_DATABASE_URL;
  if (url) return url;
  return execFileSync('bash', [join(import.meta.dirname, '..', '..', 'scripts', 'start-test-postgres')], {
    encoding: 'utf8',
  }).trim();
}

const mobile = (i: number): string => `1${3 + (i % 7)}${String(100_000_000 + ((i * 7_919) % 900_000_000)).slice(0, 9)}`;
const landline = (i: number): string => `0571${String(80_000_000 + (i % 10_000_000))}`;
const pct = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function main(): Promise<void> {
  const schema = `bench_crm_${randomBytes(4).toString('hex')}`;
  const store = await openStore({ databaseUrl: databaseUrl(), schema, poolSize: 4 });
  try {
    await saveAccountSchema(store, WATER_ACCOUNT_SCHEMA);
    const t0 = performance.now();
    for (let start = 0; start < CUSTOMERS; start += BATCH) {
      const n = Math.min(BATCH, CUSTOMERS - start);
      const ids: string[] = [];
      const names: string[] = [];
      const phoneOwner: string[] = [];
      const phoneKey: string[] = [];
      const phoneRaw: string[] = [];
      const accId: string[] = [];
      const accNo: string[] = [];
      const accData: string[] = [];
      for (let k = 0; k < n; k++) {
        const i = start + k;
        const id = randomUUID();
        ids.push(id);
        names.push(SURNAMES[i % SURNAMES.length]! + GIVEN[(i * 31) % GIVEN.length]! + GIVEN[(i * 17) % GIVEN.length]!);
        const m = mobile(i);
        phoneOwner.push(id);
        phoneKey.push(`+86${m}`);
        phoneRaw.push(m);
        if (i % 3 === 0) {
          const l = landline(i);
          phoneOwner.push(id);
          phoneKey.push(`+86${l.slice(1)}`);
          phoneRaw.push(l);
        }
        accId.push(randomUUID());
        accNo.push(String(10_000_000 + i));
        accData.push(
          JSON.stringify({
            address: `滨江区${i % 999}号`,
            meter: `M-${i}`,
            arrears: i % 50 === 0 ? 88.5 : 0,
            products: ['居民生活用水'],
          }),
        );
      }
      await store.transaction(async (trx) => {
        await sql`insert into crm_customers (id, kind, name) select unnest(${ids}::uuid[]), 'person', unnest(${names}::text[])`.execute(
          trx,
        );
        await sql`insert into crm_phones (customer_id, phone_key, raw) select * from unnest(${phoneOwner}::uuid[], ${phoneKey}::text[], ${phoneRaw}::text[]) on conflict do nothing`.execute(
          trx,
        );
        await sql`insert into crm_accounts (id, customer_id, schema_id, account_number, data) select a, c, 'water', n, d::jsonb from unnest(${accId}::uuid[], ${ids}::uuid[], ${accNo}::text[], ${accData}::text[]) as t(a, c, n, d)`.execute(
          trx,
        );
      });
      if ((start / BATCH) % 10 === 0)
        console.log(`loaded ${start + n} customers (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    }
    const loadS = (performance.now() - t0) / 1000;
    await sql`analyze`.execute(store.db);
    console.log(`loaded ${CUSTOMERS} customers in ${loadS.toFixed(1)} s`);
    const forms = [
      (m: string) => m,
      (m: string) => `+86 ${m}`,
      (m: string) => `0${m}`,
      (m: string) => `sip:${m}@10.0.0.1`,
    ];
    for (let i = 0; i < 200; i++) await lookupByPhone(store, mobile(i)); // warm-up
    const phoneMs: number[] = [];
    let found = 0;
    for (let i = 0; i < LOOKUPS; i++) {
      const idx = Math.floor(Math.random() * CUSTOMERS);
      const miss = i % 10 === 9;
      const raw = miss
        ? `1990000${String(i).padStart(4, '0')}`
        : i % 5 === 4 && idx % 3 === 0
          ? landline(idx)
          : forms[i % forms.length]!(mobile(idx));
      const s = performance.now();
      const pop = await lookupByPhone(store, raw);
      phoneMs.push(performance.now() - s);
      if (pop.customers.length > 0) found++;
    }
    const accountMs: number[] = [];
    for (let i = 0; i < Math.min(LOOKUPS, 2_000); i++) {
      const s = performance.now();
      await lookupByAccount(store, String(10_000_000 + Math.floor(Math.random() * CUSTOMERS)));
      accountMs.push(performance.now() - s);
    }
    phoneMs.sort((a, b) => a - b);
    accountMs.sort((a, b) => a - b);
    const r = (x: number) => Math.round(x * 100) / 100;
    console.log(
      `phone lookups: ${LOOKUPS}, found ${found}; p50 ${r(pct(phoneMs, 50))} ms p99 ${r(pct(phoneMs, 99))} ms max ${r(phoneMs.at(-1)!)} ms`,
    );
    console.log(
      `account lookups: ${accountMs.length}; p50 ${r(pct(accountMs, 50))} ms p99 ${r(pct(accountMs, 99))} ms`,
    );
    console.log(
      JSON.stringify({
        bench: 'crm',
        customers: CUSTOMERS,
        load_s: r(loadS),
        phone_lookups: LOOKUPS,
        phone_found: found,
        phone_p50_ms: r(pct(phoneMs, 50)),
        phone_p99_ms: r(pct(phoneMs, 99)),
        account_p50_ms: r(pct(accountMs, 50)),
        account_p99_ms: r(pct(accountMs, 99)),
        goal_p99_ms: 20,
        pass: pct(phoneMs, 99) < 20 && pct(accountMs, 99) < 20,
      }),
    );
  } finally {
    await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(store.db);
    await store.close();
  }
}

await main();
