import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Bridge } from './bridge.ts';
import { HOLD_MOVES, LEG_MOVES, nextHold, q850OfStatus, statusOfQ850 } from './leg.ts';

test('leg moves are data: an ended leg goes nowhere, answered cannot ring again', () => {
  assert.deepEqual(LEG_MOVES.ended, []);
  assert.equal(LEG_MOVES.answered.includes('ringing'), false);
  assert.equal(LEG_MOVES.early.includes('ringing'), true);
  for (const [from, tos] of Object.entries(LEG_MOVES)) for (const to of tos) assert.notEqual(from, to);
});

test('hold combines both sides', () => {
  assert.equal(nextHold('none', 'remote', true), 'remote');
  assert.equal(nextHold('remote', 'local', true), 'both');
  assert.equal(nextHold('both', 'remote', false), 'local');
  assert.equal(nextHold('local', 'local', false), 'none');
  for (const [from, tos] of Object.entries(HOLD_MOVES)) for (const to of tos) assert.notEqual(from, to);
});

test('SIP status and Q.850 cause map both ways for the common cases (RFC 3398)', () => {
  assert.equal(q850OfStatus(486), 17);
  assert.equal(q850OfStatus(404), 1);
  assert.equal(q850OfStatus(603), 21);
  assert.equal(statusOfQ850(17), 486);
  assert.equal(statusOfQ850(19), 480);
  assert.equal(statusOfQ850(21), 403);
});

test('bridge members: whisper needs an agent in the bridge; removing the agent turns the whisperer into a listener', () => {
  const b = new Bridge('b1', 0, 'control');
  b.add('caller');
  b.add('agent');
  assert.throws(() => b.add('sup', 'whisper', 'nobody'), /whisper needs an agent/);
  b.add('sup', 'whisper', 'agent');
  assert.equal(b.fullMembers.length, 2);
  const media = b.mediaMembers((id) => `ep-${id}`);
  assert.deepEqual(media.at(-1), { id: 'ep-sup', mode: 'whisper', whisperTo: 'ep-agent' });
  b.add('sup', 'barge');
  assert.equal(b.fullMembers.length, 3);
  b.add('sup', 'whisper', 'agent');
  b.remove('agent');
  assert.equal(b.members.find((m) => m.legId === 'sup')?.mode, 'listen');
  b.destroy();
  assert.throws(() => b.add('x'), /destroyed/);
  assert.throws(() => b.destroy(), /not allowed/);
});
