import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

export interface NewEvent {
  stream: string;
  streamId: string;
  type: string;
  data?: unknown;
  actorId?: string | null;
}

/**
 * Appends an event row. Call it with the transaction that makes the state change, so the
 * change and its event (and the outbox entry that publishes it) commit together.
 */
export async function appendEvent(db: Kysely<Database>, e: NewEvent): Promise<string> {
  const row = await db
    .insertInto('events')
    .values({
      stream: e.stream,
      stream_id: e.streamId,
      type: e.type,
      data: JSON.stringify(e.data ?? {}),
      actor_id: e.actorId ?? null,
      published_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return String(row.id);
}

export interface StoredEvent {
  id: string;
  stream: string;
  streamId: string;
  type: string;
  data: unknown;
  actorId: string | null;
  at: Date;
}

export async function readStream(db: Kysely<Database>, stream: string, streamId: string): Promise<StoredEvent[]> {
  const rows = await db
    .selectFrom('events')
    .selectAll()
    .where('stream', '=', stream)
    .where('stream_id', '=', streamId)
    .orderBy('id')
    .execute();
  return rows.map(toStored);
}

/**
 * Outbox: takes up to `limit` unpublished events in order, hands them to `publish`, and marks
 * them published. At-least-once: a crash between publish and mark re-delivers.
 */
export async function drainOutbox(
  db: Kysely<Database>,
  publish: (events: StoredEvent[]) => Promise<void> | void,
  limit = 500,
): Promise<number> {
  const rows = await db
    .selectFrom('events')
    .selectAll()
    .where('published_at', 'is', null)
    .orderBy('id')
    .limit(limit)
    .execute();
  if (rows.length === 0) return 0;
  await publish(rows.map(toStored));
  await db
    .updateTable('events')
    .set({ published_at: new Date() })
    .where(
      'id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  return rows.length;
}

function toStored(r: {
  id: string;
  stream: string;
  stream_id: string;
  type: string;
  data: unknown;
  actor_id: string | null;
  at: Date;
}): StoredEvent {
  return {
    id: String(r.id),
    stream: r.stream,
    streamId: r.stream_id,
    type: r.type,
    data: r.data,
    actorId: r.actor_id,
    at: r.at,
  };
}
