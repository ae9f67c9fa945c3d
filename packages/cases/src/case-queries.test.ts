import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { FakeScheduler } from '@hotline/core';
import { type Store, sql } from '@hotline/store';
import { openTestStore } from '@hotline/store/testing';
import type { Actor } from './actor.ts';
import { DEPARTMENT_QUEUES, type DepartmentQueue, departmentQueue } from './case-queries.ts';
import { CaseRepository } from './case-repository.ts';
import { seedCaseCatalog } from './seed-demo.ts';
import { demoIntake } from './testing.ts';

const cst = (s: string) => Date.parse(`${s}+08:00`);
const HOUR = 3_600_000;
let store: Store;
let ids: Map<string, string>;
const agent: Actor = { id: '00000000-0000-4000-8000-0000000000a1', name: '坐席', roles: ['agent'], departmentId: null };
const dept = (code: string): Actor => ({
  id: '00000000-0000-4000-8000-0000000000b1',
  name: code,
  roles: ['department'],
  departmentId: ids.get(code)!,
});

before(async () => {
  store = await openTestStore();
  ids = await seedCaseCatalog(store);
});
after(async () => {
  await store.close();
});

/** The queue's rows by the plain definition: every matching assignment, sorted in JS. */
async function reference(departmentId: string, queue: DepartmentQueue, now: number): Promise<string[]> {
  const rows = (
    await sql<{
      id: string;
      department_id: string;
      status: string;
      parent_party_id: string | null;
      sign_deadline: Date;
      finish_deadline: Date;
      finish_warn_at: Date;
      updated_at: Date;
    }>`select id, department_id, status, parent_party_id, sign_deadline, finish_deadline, finish_warn_at, updated_at
       from case_parties`.execute(store.db)
  ).rows;
  const t = (d: Date) => new Date(d).getTime();
  const delegated = new Set(
    rows.filter((r) => r.department_id === departmentId && r.status === 'delegated').map((r) => r.id),
  );
  const mine = rows.filter((r) => r.department_id === departmentId);
  const running = (r: (typeof rows)[number]) => ['to_sign', 'in_progress', 'delegated'].includes(r.status);
  const pick: Record<DepartmentQueue, [(typeof rows)[number][], (r: (typeof rows)[number]) => number]> = {
    to_sign: [mine.filter((r) => r.status === 'to_sign'), (r) => t(r.sign_deadline)],
    in_progress: [
      mine.filter((r) => r.status === 'in_progress' || r.status === 'delegated'),
      (r) => t(r.finish_deadline),
    ],
    due_soon: [
      mine.filter((r) => running(r) && t(r.finish_warn_at) <= now && t(r.finish_deadline) >= now),
      (r) => t(r.finish_deadline),
    ],
    overdue: [mine.filter((r) => running(r) && t(r.finish_deadline) < now), (r) => t(r.finish_deadline)],
    returned: [
      rows.filter(
        (r) => r.status === 'returned' && (r.department_id === departmentId || delegated.has(r.parent_party_id ?? '')),
      ),
      (r) => t(r.sign_deadline),
    ],
    to_review: [
      rows.filter((r) => r.status === 'replied' && delegated.has(r.parent_party_id ?? '')),
      (r) => t(r.updated_at),
    ],
  };
  const [set, key] = pick[queue];
  return set.sort((a, b) => key(a) - key(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((r) => r.id);
}

test('department queues page through every status in deadline order (ties by id), equal to the plain definition', async () => {
  const clock = new FakeScheduler(cst('2026-11-02T09:00:00'));
  const repo = new CaseRepository(store, { clock });
  const cgj = dept('CGJ');
  for (let i = 0; i < 14; i++) {
    const r = await repo.register(demoIntake({ categoryCode: i % 2 ? '040101' : '010101' }), agent);
    assert.ok(r.ok);
    const d = await repo.execute(
      r.state.id,
      { type: 'dispatch', parties: [{ departmentId: ids.get('CGJ')!, role: 'lead' }] },
      agent,
    );
    assert.ok(d.ok);
    const p = d.state.parties[0]!.id;
    if (i % 5 !== 0) assert.ok((await repo.execute(r.state.id, { type: 'sign', partyId: p }, cgj)).ok);
    if (i % 5 === 2 || i % 5 === 3) {
      const down = await repo.execute(
        r.state.id,
        { type: 'redispatch_down', partyId: p, departmentId: ids.get('CGJ-DC')! },
        cgj,
      );
      assert.ok(down.ok);
      const child = down.state.parties.find((x) => x.parentPartyId === p)!.id;
      if (i % 5 === 2) {
        assert.ok(
          (
            await repo.execute(
              r.state.id,
              { type: 'return', partyId: child, reason: 'not_our_duty', note: 'x' },
              dept('CGJ-DC'),
            )
          ).ok,
        );
      } else {
        assert.ok((await repo.execute(r.state.id, { type: 'sign', partyId: child }, dept('CGJ-DC'))).ok);
        assert.ok(
          (await repo.execute(r.state.id, { type: 'reply', partyId: child, content: '已处理' }, dept('CGJ-DC'))).ok,
        );
      }
    }
    if (i === 5)
      assert.ok(
        (await repo.execute(r.state.id, { type: 'return', partyId: p, reason: 'not_our_duty', note: 'y' }, cgj)).ok,
      );
    // Cases an hour apart share a day-based deadline: ties.
    clock.advance(i % 3 === 0 ? 26 * HOUR : HOUR);
  }
  let nonEmpty = 0;
  for (const at of [clock.now(), clock.now() + 4 * 24 * HOUR, clock.now() + 12 * 24 * HOUR]) {
    for (const queue of DEPARTMENT_QUEUES) {
      for (const code of ['CGJ', 'CGJ-DC']) {
        const id = ids.get(code)!;
        const expected = await reference(id, queue, at);
        const got: string[] = [];
        for (let offset = 0; ; offset += 3) {
          const page = await departmentQueue(repo.db, id, queue, { limit: 3, offset }, at);
          got.push(...page.items.map((x) => x.partyId!));
          if (!page.hasMore) break;
        }
        assert.deepEqual(got, expected, `${code} ${queue} at ${new Date(at).toISOString()}`);
        if (expected.length > 0) nonEmpty++;
      }
    }
  }
  assert.ok(nonEmpty >= 12, `only ${nonEmpty} non-empty queues compared`);
});
