/**
 * Work orders at scale: 1,000,000 cases (≈1.2 M department assignments) in PostgreSQL, then
 *   - a department's queue page (50 rows; to sign / in progress / due soon / overdue / returned): p50/p95
 *   - the leader dashboard for a year: the six metrics by department with 环比 and 同比
 * Rows are generated in SQL as projections (cases, case_parties, case_rounds); the queries are the
 * product's own (`departmentQueue`, `metricReportSql`).
 * Database: HOTLINE_BENCH_DATABASE_URL, else HOTLINE_TEST_DATABASE_URL, else the local test cluster
 * (scripts/start-test-postgres). A throw-away schema is dropped at the end, unless
 * HOTLINE_BENCH_SCHEMA names one: it is then kept, and reused without reloading when it already holds
 * the cases (for EXPLAIN ANALYZE between runs; its "now" is stored with it).
 * Args: [cases=1000000]
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { join } from 'node:path';
import {
  CaseRepository,
  DEPARTMENT_QUEUES,
  departmentQueue,
  dueAlerts,
  metricReportSql,
  seedCaseCatalog,
} from '@hotline/cases';
import { openStore, sql } from '@hotline/store';

const N = Number(process.argv[2] ?? 1_000_000);
const QUEUE_TARGET_P95_MS = 100;
const DASHBOARD_TARGET_MS = 1000;

function databaseUrl(): string {
  const url = process.env.HOTLINE_BENCH_DATABASE_URL ?? process.env.HOTLINE_TEST_DATABASE_URL;
  if (url) return url;
  return execFileSync('bash', [join(import.meta.dirname, '..', '..', 'scripts', 'start-test-postgres')], {
    encoding: 'utf8',
  })
    .trim()
    .split('\n')
    .at(-1)!;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

const keep = process.env.HOTLINE_BENCH_SCHEMA;
const schema = keep ?? `bench_cases_${randomBytes(4).toString('hex')}`;
const store = await openStore({ databaseUrl: databaseUrl(), schema, poolSize: 8 });
const loadAvg = () => os.loadavg().map((x) => Number(x.toFixed(2)));
try {
  console.log(`load average before: ${loadAvg().join(' ')} (${os.cpus().length} CPUs)`);
  await sql`create table if not exists bench_meta (now_ms bigint not null, load_s double precision not null)`.execute(
    store.db,
  );
  const meta = (await sql<{ now_ms: string; load_s: number }>`select now_ms, load_s from bench_meta`.execute(store.db))
    .rows[0];
  const ids = await seedCaseCatalog(store);
  const depts = [...ids.entries()].filter(([code]) => code !== 'CENTER').map(([, id]) => id);
  const cats = (
    await store.db
      .withTables<{ case_categories: { code: string } }>()
      .selectFrom('case_categories')
      .select('code')
      .execute()
  )
    .map((c) => c.code)
    .filter((c) => c.length === 6);
  // "Now" is the end of the generated span: two years of cases ending today.
  const now = meta ? Number(meta.now_ms) : Date.now();
  const t0 = performance.now();
  const BATCH = 100_000;
  for (let off = 0; off < (meta ? 0 : N); off += BATCH) {
    const n = Math.min(BATCH, N - off);
    await sql`
      with g as (
        select i, gen_random_uuid() as id,
          to_timestamp(${now / 1000} - random() * 730 * 86400) as created,
          (${sql.lit(`{${depts.join(',')}}`)}::uuid[])[1 + floor(random() * ${depts.length})::int] as dept,
          (${sql.lit(`{${cats.join(',')}}`)}::text[])[1 + floor(random() * ${cats.length})::int] as cat,
          random() as r
        from generate_series(${off + 1}::int, ${off + n}::int) i
      ), c as (
        insert into cases (id, number, status, channel, type, category_code, urgency, caller_phone, district_code,
          address, description, round, created_at, updated_at, closed_at, version, state)
        select id, '12319-' || to_char(created, 'YYYYMMDD') || '-' || lpad(i::text, 7, '0'),
          case when created < now() - interval '20 days' then 'closed' when r < 0.3 then 'dispatched' when r < 0.8 then 'in_progress' else 'replied' end,
          'phone', 'complaint', cat, 'normal', '139' || lpad((i % 100000000)::text, 8, '0'),
          case when r < 0.5 then '330102' else '330103' end, '和平路' || i, '批量生成的工单 ' || i, 1, created, created,
          case when created < now() - interval '20 days' then created + interval '6 days' end, 5, '{}'::jsonb
        from g returning id
      )
      insert into case_parties (id, case_id, department_id, role, status, round, category_code, region_code, dispatched_at,
        sign_clock_start, sign_deadline, sign_warn_at, signed_at, finish_deadline, finish_warn_at, return_count,
        replied_at, accepted_at, finished_on_time, updated_at)
      select gen_random_uuid(), g.id, dept, 'lead',
        case when created < now() - interval '20 days' then 'done' when r < 0.3 then 'to_sign' when r < 0.8 then 'in_progress' else 'replied' end,
        1, cat, case when r < 0.5 then '330102' else '330103' end, created + interval '10 minutes',
        created + interval '10 minutes', created + interval '34 minutes' + interval '1 day', created + interval '20 hours',
        case when r >= 0.3 or created < now() - interval '20 days' then created + (r * interval '40 hours') end,
        created + interval '7 days', created + interval '5 days 14 hours', case when r < 0.05 then 1 else 0 end,
        case when created < now() - interval '20 days' or r >= 0.8 then created + (r * interval '9 days') end,
        case when created < now() - interval '20 days' then created + (r * interval '9 days') + interval '2 hours' end,
        case when created < now() - interval '20 days' then r * 9 <= 7 end, created
      from g
    `.execute(store.db);
    process.stdout.write(`\rgenerated ${off + n} cases`);
  }
  if (!meta)
    await sql`
    insert into case_rounds (case_id, round, department_id, category_code, region_code, reviewed_at, reached, resolved, satisfaction)
    select case_id, 1, department_id, category_code, region_code, accepted_at, random() < 0.9, random() < 0.85,
      (array['satisfied','basically_satisfied','dissatisfied'])[1 + floor(random() * 3)::int]
    from case_parties where accepted_at is not null and role = 'lead'
  `.execute(store.db);
  // Co-departments on a fifth of the cases.
  if (!meta)
    await sql`
    insert into case_parties (id, case_id, department_id, role, status, round, category_code, region_code, dispatched_at,
      sign_clock_start, sign_deadline, sign_warn_at, signed_at, finish_deadline, finish_warn_at, return_count, updated_at)
    select gen_random_uuid(), case_id, ${depts[0]!}::uuid, 'co', case when status = 'done' then 'done' else 'in_progress' end, 1,
      category_code, region_code, dispatched_at, sign_clock_start, sign_deadline, sign_warn_at, signed_at, finish_deadline,
      finish_warn_at, 0, updated_at
    from case_parties where random() < 0.2 and department_id <> ${depts[0]!}::uuid
  `.execute(store.db);
  if (!meta) await sql`vacuum analyze`.execute(store.db);
  const loadS = meta ? meta.load_s : (performance.now() - t0) / 1000;
  if (!meta) await sql`insert into bench_meta values (${now}, ${loadS})`.execute(store.db);
  const counts = await sql<{
    cases: number;
    parties: number;
  }>`select (select count(*) from cases)::int as cases, (select count(*) from case_parties)::int as parties`.execute(
    store.db,
  );
  console.log(
    `\nloaded ${counts.rows[0]!.cases} cases, ${counts.rows[0]!.parties} assignments in ${loadS.toFixed(1)} s`,
  );

  const repo = new CaseRepository(store, { clock: { now: () => now } });
  const ctx = await repo.context();
  // Warm-up, then 300 queue pages over departments × queues × first/later pages.
  for (const q of DEPARTMENT_QUEUES) await departmentQueue(repo.db, depts[1]!, q, { limit: 50, offset: 0 }, now);
  const times: number[] = [];
  const perQueue = new Map<string, number[]>();
  for (let i = 0; i < 300; i++) {
    const dept = depts[i % depts.length]!;
    const queue = DEPARTMENT_QUEUES[i % DEPARTMENT_QUEUES.length]!;
    const t = performance.now();
    await departmentQueue(repo.db, dept, queue, { limit: 50, offset: (i % 3) * 50 }, now);
    const dt = performance.now() - t;
    times.push(dt);
    perQueue.set(queue, [...(perQueue.get(queue) ?? []), dt]);
  }
  for (const [q, xs] of perQueue)
    console.log(`queue ${q}: p50 ${pct(xs, 50).toFixed(1)} ms, p95 ${pct(xs, 95).toFixed(1)} ms`);
  const year = { from: now - 365 * 86_400_000, to: now, groupBy: 'department' as const, asOf: now };
  await metricReportSql(repo.db, year, ctx.calendar);
  const dash: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    const rows = await metricReportSql(repo.db, year, ctx.calendar);
    dash.push(performance.now() - t);
    if (i === 0) console.log(`dashboard rows: ${rows.length}; first: ${JSON.stringify(rows[0]?.current.onTimeFinish)}`);
  }
  // The control's deadline scan: one minute of warnings and deadlines, as every minute.
  const scans: number[] = [];
  let alerts = 0;
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    alerts = (await dueAlerts(repo.db, now - (i + 1) * 60_000, now - i * 60_000)).length;
    scans.push(performance.now() - t);
  }
  console.log(`deadline scan (1 min): ${scans.map((x) => x.toFixed(1)).join(', ')} ms; last found ${alerts}`);
  const result = {
    bench: 'cases',
    cases: counts.rows[0]!.cases,
    assignments: counts.rows[0]!.parties,
    load_s: Number(loadS.toFixed(1)),
    queue_page_p50_ms: Number(pct(times, 50).toFixed(2)),
    queue_page_p95_ms: Number(pct(times, 95).toFixed(2)),
    queue_target_p95_ms: QUEUE_TARGET_P95_MS,
    dashboard_year_ms: Number(Math.min(...dash).toFixed(1)),
    dashboard_year_max_ms: Number(Math.max(...dash).toFixed(1)),
    dashboard_target_ms: DASHBOARD_TARGET_MS,
    queue_p95_ms: Object.fromEntries([...perQueue].map(([q, xs]) => [q, Number(pct(xs, 95).toFixed(1))])),
    deadline_scan_ms: Number(pct(scans, 50).toFixed(1)),
    load_avg_1_5_15: loadAvg(),
    cpus: os.cpus().length,
  };
  console.log(JSON.stringify(result));
} finally {
  if (!keep) await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(store.db);
  await store.close();
}
