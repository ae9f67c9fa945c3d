import assert from 'node:assert/strict';
import { test } from 'node:test';
import { attachmentProblems, referencedFileIds } from './case-attachments.ts';
import type { CaseEvent } from './case-events.ts';
import { replay } from './case-evolve.ts';
import { CaseDriver, centerActor, demoIntake, deptActor, testContext } from './testing.ts';

const FILE = {
  kind: 'file',
  name: '报告.pdf',
  fileId: '7d3c2a51-0c1e-4d55-9b1e-2f6f1a0c9e01',
  size: 10,
  contentType: 'application/pdf',
} as const;

test('a decision accepts resolved uploads and http(s) links, and refuses everything else without throwing', () => {
  assert.deepEqual(attachmentProblems([FILE, { kind: 'image', name: 'media', url: 'https://x.org/a.jpg' }]), []);
  const hostile: unknown[] = [
    null,
    'x',
    { fileId: FILE.fileId },
    { kind: 'file', name: 'a', url: 'javascript:alert(1)' },
    { kind: 'virus', name: 'a', url: 'https://x.org' },
    { ...FILE, url: 'https://x.org' },
    { kind: 'file', name: '', url: 'https://x.org' },
  ];
  const problems = attachmentProblems(hostile);
  for (let i = 0; i < hostile.length; i++)
    assert.ok(
      problems.some((p) => p.startsWith(`attachments[${i}]`)),
      `item ${i}`,
    );
  assert.match(attachmentProblems([FILE, FILE]).join(), /attached twice/);
  assert.match(attachmentProblems(Array(21).fill(FILE)).join(), /at most 20/);
  assert.deepEqual(attachmentProblems('nope'), ['attachments: must be a list']);
  assert.deepEqual(referencedFileIds([{ fileId: 'a' }, { kind: 'image', name: 'm', url: 'https://x' }]), ['a']);
});

test('an unresolved { fileId } never reaches the log: register and reply refuse it', () => {
  const ctx = testContext();
  const d = new CaseDriver(ctx, () => Date.parse('2026-03-02T10:00:00+08:00'));
  const agent = centerActor('agent');
  const r = d.try(
    {
      type: 'register',
      caseId: 'c1',
      number: 'n1',
      intake: demoIntake({ attachments: [{ fileId: FILE.fileId } as never] }),
    },
    agent,
  );
  assert.equal(r.ok, false);
  d.run({ type: 'register', caseId: 'c1', number: 'n1', intake: demoIntake({ attachments: [FILE] }) }, agent);
  assert.deepEqual(d.s.intake.attachments, [FILE]);
  const cgj = deptActor('CGJ');
  d.run({ type: 'dispatch', parties: [{ departmentId: cgj.departmentId!, role: 'lead' }] }, agent);
  const partyId = d.party('CGJ').id;
  d.run({ type: 'sign', partyId }, cgj);
  const bad = d.try({ type: 'reply', partyId, content: '已处理', attachments: [{ fileId: FILE.fileId }] }, cgj);
  assert.equal(bad.ok, false);
  assert.equal(d.party('CGJ').status, 'in_progress');
});

test('events written before uploads existed (url attachments, relative links) still fold', () => {
  const ctx = testContext();
  const d = new CaseDriver(ctx, () => Date.parse('2026-03-02T10:00:00+08:00'));
  const agent = centerActor('agent');
  const cgj = deptActor('CGJ');
  d.run({ type: 'register', caseId: 'c1', number: 'n1', intake: demoIntake() }, agent);
  d.run({ type: 'dispatch', parties: [{ departmentId: cgj.departmentId!, role: 'lead' }] }, agent);
  const partyId = d.party('CGJ').id;
  d.run({ type: 'sign', partyId }, cgj);
  d.run({ type: 'reply', partyId, content: '已处理' }, cgj);
  // Rewrite the log as an old installation stored it.
  const legacy = { kind: 'file', name: '决定书.pdf', url: 'files/1' };
  const log = d.log.map((e): CaseEvent => {
    if (e.type === 'registered') return { ...e, intake: { ...e.intake, attachments: [{ ...legacy, kind: 'image' }] } };
    if (e.type === 'replied') return { ...e, attachments: [legacy as never] };
    return e;
  });
  const s = replay(log, ctx);
  assert.equal(s?.intake.attachments[0]?.url, 'files/1');
  assert.deepEqual(s?.parties[0]?.reply?.attachments, [legacy]);
});
