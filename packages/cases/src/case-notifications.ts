import type { Kysely, Store } from '@hotline/store';
import { sql } from '@hotline/store';
import type { DeadlineAlert, ScanWindow } from './deadline-alerts.ts';
import type { CasesTables } from './store-schema.ts';

/** Watermark row of the deadline scan (`case_alert_watermarks.name`). */
export const DEADLINE_WATERMARK = 'deadline';
/** Alerts inserted per statement. */
const ALERT_BATCH = 500;

/** Who is told (in-app): the department's users of every alert; center supervisors of breaches. */
export const ALERT_AUDIENCE = {
  departmentRole: 'department',
  breachRole: 'supervisor',
} as const;

export interface CaseNotification {
  id: string;
  caseId: string;
  caseNumber: string;
  partyId: string;
  departmentId: string | null;
  clock: 'sign' | 'finish';
  level: 'warning' | 'breach';
  /** The instant it fell due (warning instant or deadline). */
  dueAt: number;
  deadline: number | null;
  createdAt: number;
  readAt: number | null;
}

type UsersTable = { id: string; roles: string[]; department_id: string | null; active: boolean };
type Db = Kysely<CasesTables & { users: UsersTable }>;
const dbOf = (store: Pick<Store, 'db'>): Db => store.db.withTables<CasesTables>() as unknown as Db;

/** Where the last completed scan ended, if any. */
export async function readAlertWatermark(store: Pick<Store, 'db'>, name = DEADLINE_WATERMARK): Promise<number | null> {
  const row = await dbOf(store)
    .selectFrom('case_alert_watermarks')
    .select('scanned_until')
    .where('name', '=', name)
    .executeTakeFirst();
  return row ? new Date(row.scanned_until).getTime() : null;
}

/**
 * Writes the alerts of one scan window as in-app notifications and advances the watermark, in one
 * transaction. Idempotent: an alert (party × clock × level × due instant) is stored once, and each
 * recipient gets it once, however often the window is scanned again.
 */
export async function recordAlerts(
  store: Pick<Store, 'transaction'>,
  alerts: readonly DeadlineAlert[],
  window: ScanWindow,
  opts: { now: number; watermark?: string },
): Promise<{ notifications: number; deliveries: number }> {
  const created = new Date(opts.now);
  return store.transaction(async (trx) => {
    const db = trx.withTables<CasesTables>() as unknown as Db;
    let notifications = 0;
    let deliveries = 0;
    for (let i = 0; i < alerts.length; i += ALERT_BATCH) {
      const batch = alerts.slice(i, i + ALERT_BATCH);
      const inserted = await db
        .insertInto('case_notifications')
        .values(
          batch.map((a) => ({
            department_id: a.departmentId,
            case_id: a.caseId,
            party_id: a.partyId,
            clock: a.clock,
            level: a.level,
            due_at: new Date(a.at),
            deadline: new Date(a.deadline),
            created_at: created,
          })) as never,
        )
        .onConflict((oc) => oc.columns(['party_id', 'clock', 'level', 'due_at']).doNothing())
        .returning(sql<string>`id::text`.as('id'))
        .execute();
      notifications += inserted.length;
      if (inserted.length === 0) continue;
      const r = await db
        .insertInto('case_notification_recipients')
        .columns(['user_id', 'notification_id', 'created_at'])
        .expression((eb) =>
          eb
            .selectFrom('case_notifications as n')
            .innerJoin('users as u', (j) =>
              j.on((x) =>
                x.or([
                  x.and([
                    x('u.department_id', '=', x.ref('n.department_id')),
                    sql<boolean>`${ALERT_AUDIENCE.departmentRole} = any(u.roles)`,
                  ]),
                  x.and([x('n.level', '=', 'breach'), sql<boolean>`${ALERT_AUDIENCE.breachRole} = any(u.roles)`]),
                ]),
              ),
            )
            .select(['u.id', 'n.id', sql<Date>`${created}::timestamptz`.as('created_at')])
            .where('u.active', '=', true)
            .where(
              'n.id',
              'in',
              inserted.map((x) => x.id),
            ),
        )
        .onConflict((oc) => oc.columns(['user_id', 'notification_id']).doNothing())
        .executeTakeFirst();
      deliveries += Number(r.numInsertedOrUpdatedRows ?? 0);
    }
    const until = new Date(window.now);
    await db
      .insertInto('case_alert_watermarks')
      .values({ name: opts.watermark ?? DEADLINE_WATERMARK, scanned_until: until })
      .onConflict((oc) => oc.column('name').doUpdateSet({ scanned_until: until }))
      .execute();
    return { notifications, deliveries };
  });
}

const ms = (d: Date | null | undefined) => (d ? new Date(d).getTime() : null);

/** A user's notifications, newest first, with the unread count. */
export async function listNotifications(
  store: Pick<Store, 'db'>,
  userId: string,
  page: { limit: number; offset: number; unreadOnly?: boolean },
): Promise<{ items: CaseNotification[]; unread: number; hasMore: boolean }> {
  const db = dbOf(store);
  let q = db
    .selectFrom('case_notification_recipients as r')
    .innerJoin('case_notifications as n', 'n.id', 'r.notification_id')
    .innerJoin('cases as c', 'c.id', 'n.case_id')
    .select([
      sql<string>`n.id::text`.as('id'),
      'n.case_id',
      'c.number',
      'n.party_id',
      'n.department_id',
      'n.clock',
      'n.level',
      'n.due_at',
      'n.deadline',
      'r.created_at',
      'r.read_at',
    ])
    .where('r.user_id', '=', userId);
  if (page.unreadOnly) q = q.where('r.read_at', 'is', null);
  const [rows, unread] = await Promise.all([
    q
      .orderBy('r.notification_id', 'desc')
      .limit(page.limit + 1)
      .offset(page.offset)
      .execute(),
    db
      .selectFrom('case_notification_recipients')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow(),
  ]);
  const items = rows.slice(0, page.limit).map((r) => ({
    id: r.id,
    caseId: r.case_id,
    caseNumber: r.number,
    partyId: r.party_id,
    departmentId: r.department_id,
    clock: r.clock as CaseNotification['clock'],
    level: r.level as CaseNotification['level'],
    dueAt: ms(r.due_at)!,
    deadline: ms(r.deadline),
    createdAt: ms(r.created_at)!,
    readAt: ms(r.read_at),
  }));
  return { items, unread: Number(unread.n), hasMore: rows.length > page.limit };
}

/** Marks the user's notifications read (the given ids, or all); returns how many changed. */
export async function markNotificationsRead(
  store: Pick<Store, 'db'>,
  userId: string,
  ids: readonly string[] | 'all',
  now: number,
): Promise<number> {
  if (ids !== 'all' && ids.length === 0) return 0;
  let q = dbOf(store)
    .updateTable('case_notification_recipients')
    .set({ read_at: new Date(now) })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null);
  if (ids !== 'all') q = q.where('notification_id', 'in', [...ids]);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}
