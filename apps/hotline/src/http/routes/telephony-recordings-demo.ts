/**
 * Demo call history: a few days of calls through the demo carrier (answered, abandoned, busy, an
 * outbound call, an internal call, a refused international call), their CDRs, stereo recordings
 * (caller left, agent right — real WAV files in the recordings directory) and switch alerts, all
 * stored through `storeSwitchEvent` exactly as the switch's events are.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CALL_CONTROL_VERSION, type CallControlEvent, type Cdr } from '@hotline/contracts';
import { newId } from '@hotline/core';
import type { Store } from '@hotline/store';
import { DEMO_EXTENSIONS, demoSeeders } from '../../demo.ts';
import { trunkAreaCodes } from '../../switch/cdr-region.ts';
import { DEMO_TRUNK } from '../../switch/demo-telephony.ts';
import { storeSwitchEvent, telephonyDb } from '../../switch/telephony-store.ts';

const RATE = 8000;

/**
 * A stereo 16-bit PCM WAV of `seconds`: the caller (left, 440 Hz) and the agent (right, 620 Hz)
 * take turns of 1.5 s, each turn shaped into syllables so the player shows speech-like waves.
 */
export function demoWav(seconds: number): Buffer {
  const frames = Math.round(seconds * RATE);
  const data = Buffer.alloc(frames * 4);
  for (let i = 0; i < frames; i++) {
    const t = i / RATE;
    const turn = Math.floor(t / 1.5) % 2;
    const syllable = Math.max(0, Math.sin(Math.PI * 4 * t)) ** 2;
    const left = turn === 0 ? Math.sin(2 * Math.PI * 440 * t) * syllable * 9000 : 0;
    const right = turn === 1 ? Math.sin(2 * Math.PI * 620 * t) * syllable * 9000 : 0;
    data.writeInt16LE(Math.round(left), i * 4);
    data.writeInt16LE(Math.round(right), i * 4 + 2);
  }
  const h = Buffer.alloc(44);
  h.write('RIFF', 0);
  h.writeUInt32LE(36 + data.length, 4);
  h.write('WAVE', 8);
  h.write('fmt ', 12);
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20); // PCM
  h.writeUInt16LE(2, 22); // stereo
  h.writeUInt32LE(RATE, 24);
  h.writeUInt32LE(RATE * 4, 28);
  h.writeUInt16LE(4, 32);
  h.writeUInt16LE(16, 34);
  h.write('data', 36);
  h.writeUInt32LE(data.length, 40);
  return Buffer.concat([h, data]);
}

interface DemoCall {
  /** Hours before now the call started. */
  hoursAgo: number;
  caller: string;
  callee: string;
  /** Inbound through the carrier to an agent, outbound from an extension, or internal. */
  kind: 'inbound' | 'outbound' | 'internal';
  extension: string;
  /** Seconds of talk; null: not answered. */
  talk: number | null;
  ringSeconds: number;
  sip: number;
  q850: number;
  text: string;
  by: Cdr['cause']['by'];
  recorded: boolean;
}

export const DEMO_CALLS: DemoCall[] = [
  {
    hoursAgo: 2,
    caller: '13800138000',
    callee: '12319',
    kind: 'inbound',
    extension: '1001',
    talk: 12,
    ringSeconds: 6,
    sip: 200,
    q850: 16,
    text: 'BYE',
    by: 'remote',
    recorded: true,
  },
  {
    hoursAgo: 3,
    caller: '057187654321',
    callee: '12319',
    kind: 'inbound',
    extension: '1002',
    talk: 9,
    ringSeconds: 4,
    sip: 200,
    q850: 16,
    text: 'BYE',
    by: 'local',
    recorded: true,
  },
  {
    hoursAgo: 5,
    caller: '13912345678',
    callee: '12345',
    kind: 'inbound',
    extension: '1003',
    talk: null,
    ringSeconds: 18,
    sip: 487,
    q850: 16,
    text: 'Cancelled',
    by: 'remote',
    recorded: false,
  },
  {
    hoursAgo: 8,
    caller: '18612345678',
    callee: '12319',
    kind: 'inbound',
    extension: '1001',
    talk: null,
    ringSeconds: 1,
    sip: 486,
    q850: 17,
    text: 'Busy Here',
    by: 'remote',
    recorded: false,
  },
  {
    hoursAgo: 26,
    caller: '1010',
    callee: '02158889999',
    kind: 'outbound',
    extension: '1010',
    talk: 15,
    ringSeconds: 9,
    sip: 200,
    q850: 16,
    text: 'BYE',
    by: 'local',
    recorded: true,
  },
  {
    hoursAgo: 27,
    caller: '1001',
    callee: '1002',
    kind: 'internal',
    extension: '1001',
    talk: 7,
    ringSeconds: 3,
    sip: 200,
    q850: 16,
    text: 'BYE',
    by: 'local',
    recorded: false,
  },
  {
    hoursAgo: 49,
    caller: '15900001111',
    callee: '96116',
    kind: 'inbound',
    extension: '1003',
    talk: 6,
    ringSeconds: 5,
    sip: 200,
    q850: 16,
    text: 'BYE',
    by: 'remote',
    recorded: true,
  },
  {
    hoursAgo: 50,
    caller: '1003',
    callee: '0044207946000',
    kind: 'outbound',
    extension: '1003',
    talk: null,
    ringSeconds: 0,
    sip: 403,
    q850: 21,
    text: 'permission: international',
    by: 'system',
    recorded: false,
  },
];

function event<T extends CallControlEvent['type']>(type: T, fields: object, seq: number, ts: number): CallControlEvent {
  return { v: CALL_CONTROL_VERSION, id: newId(), ts, seq, type, ...fields } as CallControlEvent;
}

/** The events the switch would have sent for `c` (two legs when an agent's phone rang). */
export function demoCallEvents(c: DemoCall, now: number, recordingsDir: string, seq: () => number): CallControlEvent[] {
  const start = now - c.hoursAgo * 3_600_000;
  const answered = c.talk === null ? null : start + c.ringSeconds * 1000;
  const end = answered === null ? start + c.ringSeconds * 1000 : answered + (c.talk ?? 0) * 1000;
  const bridgeId = answered === null ? null : newId();
  const callId = `${newId()}@demo`;
  const cause = { sip: c.sip, q850: c.q850, text: c.text, by: c.by };
  // Leg A arrives at the switch (from the carrier, or from the extension's phone); leg B is the
  // switch's call to the agent's phone, the carrier or the other extension.
  const a: Cdr = {
    legId: newId(),
    callId,
    direction: 'inbound',
    caller: c.caller,
    callee: c.callee,
    trunkId: c.kind === 'inbound' ? DEMO_TRUNK.id : null,
    extension: c.kind === 'inbound' ? null : c.extension,
    startedAt: start,
    answeredAt: answered,
    endedAt: end,
    cause,
    bridgeIds: bridgeId ? [bridgeId] : [],
  };
  const legs: Cdr[] = [a];
  const refused = c.sip === 403;
  if (!refused) {
    const to = c.kind === 'inbound' ? c.extension : c.callee;
    legs.push({
      ...a,
      legId: newId(),
      callId: `${newId()}@demo`,
      direction: 'outbound',
      callee: to,
      trunkId: c.kind === 'outbound' ? DEMO_TRUNK.id : null,
      extension: c.kind === 'outbound' ? null : to,
      startedAt: start + 200,
    });
  }
  const events = legs.map((cdr) => event('leg.hungup', { legId: cdr.legId, cause, cdr }, seq(), end));
  if (c.recorded && answered !== null && c.talk) {
    const recordingId = newId();
    const d = new Date(answered);
    const p = (n: number) => String(n).padStart(2, '0');
    const dir = join(recordingsDir, String(d.getFullYear()), p(d.getMonth() + 1), p(d.getDate()));
    mkdirSync(dir, { recursive: true });
    const path = join(dir, `${recordingId}.wav`);
    const wav = demoWav(c.talk);
    writeFileSync(path, wav);
    events.push(
      event(
        'recording.closed',
        {
          recordingId,
          bridgeId,
          legIds: legs.map((l) => l.legId),
          path,
          durationMs: c.talk * 1000,
          bytes: wav.length,
          sha256: createHash('sha256').update(wav).digest('hex'),
          startedAt: answered,
        },
        seq(),
        end,
      ),
    );
  }
  return events;
}

/** Seeds the demo call history into `store`, its recordings into `recordingsDir`. */
export async function seedCallHistoryDemo(store: Store, recordingsDir: string, now = Date.now()): Promise<number> {
  const db = telephonyDb(store);
  // The demo agents' phones belong to the demo users (for "calls of agent …" searches).
  for (const e of DEMO_EXTENSIONS) {
    const user = await store.db
      .selectFrom('users')
      .select(['id', 'display_name'])
      .where('username', '=', e.user)
      .executeTakeFirst();
    if (user) {
      await db
        .updateTable('sip_extensions')
        .set({ user_id: user.id })
        .where('extension', '=', e.extension)
        .where('user_id', 'is', null)
        .execute();
      // Phones show the agent's name rather than the login name.
      await db
        .updateTable('sip_extensions')
        .set({ display_name: user.display_name })
        .where('extension', '=', e.extension)
        .where('display_name', '=', e.user)
        .execute();
    }
  }
  let n = 0;
  const seq = () => ++n;
  let stored = 0;
  const events = DEMO_CALLS.flatMap((c) => demoCallEvents(c, now, recordingsDir, seq));
  events.push(
    event(
      'alert',
      {
        kind: 'unauthenticated_external',
        source: '203.0.113.7:5060',
        detail: 'INVITE to 0088216123456 from an unknown address refused (403)',
      },
      seq(),
      now - 30 * 3_600_000,
    ),
    event(
      'alert',
      { kind: 'auth_failed', source: '198.51.100.23:5062', detail: 'REGISTER 1003: wrong password (5 times)' },
      seq(),
      now - 4 * 3_600_000,
    ),
  );
  const areaCodes = await trunkAreaCodes(db);
  for (const e of events) if (await storeSwitchEvent(db, 'demo-switch', e, areaCodes)) stored++;
  return stored;
}

let registered = false;

/** Adds the call-history seeder to the demo (after the switch configuration's). */
export function registerCallHistoryDemo(): void {
  if (registered) return;
  registered = true;
  demoSeeders.push({
    name: 'call-history',
    seed: async (store, config) => void (await seedCallHistoryDemo(store, config.recordingsDir)),
  });
}
