/**
 * Load generator for bench/media, run as a separate process (fork with IPC). For each call it owns
 * two UDP sockets (leg A and leg B, like two phones), each connected to its target port, and sends a
 * 20 ms PCMU packet from each at 50 pps. The payload carries the send time (float64 ms), the leg
 * index and a per-leg packet index, so the receiving leg measures one-way delay and counts loss by
 * index (a packet still in flight is late, not lost, until the drain ends).
 *
 * It also measures itself: how late each packet left against its due time (drift-free schedule from
 * performance.now()) and its event-loop delay. A step where the generator did not keep time measures
 * the machine, not the system under test, and the bench refuses to report it.
 */
import { createSocket, type Socket } from 'node:dgram';
import { createHistogram, monitorEventLoopDelay, type RecordableHistogram } from 'node:perf_hooks';

export const PTIME_MS = 20;
const PAYLOAD = 160;
/** Payload offsets: send time (f64 LE), leg index (u32 LE), packet index (u32 LE). */
const AT_TIME = 0;
const AT_LEG = 8;
const AT_INDEX = 12;
/** A packet that arrives this much later than its leg's fastest is counted as late (a phone's jitter buffer would drop it). */
export const LATE_AFTER_MS = 100;
/** After the last send, how long to wait for packets in flight before counting. */
const DRAIN_MS = 1000;
/** Sender wake-up period; due packets are sent in a batch at each wake-up. */
const WAKE_MS = 1;

class Leg {
  readonly socket: Socket;
  readonly port: number;
  readonly index: number;
  readonly ssrc: number;
  seq = 0;
  /** Packet indexes of the measured window: [from, to). */
  from = 0;
  to = Number.POSITIVE_INFINITY;
  got = new Uint8Array(4096);
  delays = new Float64Array(1024);
  nDelays = 0;
  minDelay = Number.POSITIVE_INFINITY;
  constructor(socket: Socket, index: number) {
    this.socket = socket;
    this.port = socket.address().port;
    this.index = index;
    this.ssrc = (0x10000 + index * 7919) >>> 0;
  }
  onPacket(index: number, delay: number): void {
    if (index < this.from || index >= this.to) return;
    if (index >= this.got.length) {
      const g = new Uint8Array(Math.max(index + 1, this.got.length * 2));
      g.set(this.got);
      this.got = g;
    }
    if (this.got[index]) return; // duplicate
    this.got[index] = 1;
    if (this.nDelays === this.delays.length) {
      const d = new Float64Array(this.delays.length * 2);
      d.set(this.delays);
      this.delays = d;
    }
    this.delays[this.nDelays++] = delay;
    if (delay < this.minDelay) this.minDelay = delay;
  }
  resetWindow(from: number): void {
    this.from = from;
    this.to = Number.POSITIVE_INFINITY;
    this.got.fill(0);
    this.nDelays = 0;
    this.minDelay = Number.POSITIVE_INFINITY;
  }
}

let legs: Leg[] = [];
let timer: NodeJS.Timeout | undefined;
const wallNow = () => performance.timeOrigin + performance.now();
let lateness: RecordableHistogram = createHistogram();
const loopDelay = monitorEventLoopDelay({ resolution: 1 });

async function open(calls: number): Promise<number[]> {
  legs = [];
  for (let i = 0; i < calls * 2; i++) {
    const s = createSocket('udp4');
    await new Promise<void>((r) => s.bind(0, '127.0.0.1', () => r()));
    s.setRecvBufferSize(1 << 20);
    const leg = new Leg(s, i);
    s.on('message', (msg) => {
      if (msg.length !== 12 + PAYLOAD || (msg[1]! & 0x7f) !== 0) return;
      // Packets arriving at leg i were sent by leg i ^ 1.
      const from = msg.readUInt32LE(12 + AT_LEG);
      if (from !== (i ^ 1)) return;
      leg.onPacket(msg.readUInt32LE(12 + AT_INDEX), wallNow() - msg.readDoubleLE(12 + AT_TIME));
    });
    legs.push(leg);
  }
  return legs.map((l) => l.port);
}

async function start(targets: number[]): Promise<void> {
  // Connected sockets: send() skips the address lookup (and its deferral to the next tick), and only
  // packets from the target are received — symmetric RTP is part of what is tested.
  await Promise.all(legs.map((l, i) => new Promise<void>((r) => l.socket.connect(targets[i]!, '127.0.0.1', r))));
  const n = legs.length;
  const slot = PTIME_MS / n; // legs spread evenly over the 20 ms period
  const t0 = performance.now() + 5;
  let k = 0; // next global slot: leg k % n, due at t0 + k * slot
  const wake = () => {
    const now = performance.now();
    for (; t0 + k * slot <= now; k++) {
      const l = legs[k % n]!;
      lateness.record(Math.max(1, Math.round((now - (t0 + k * slot)) * 1000)));
      // A fresh buffer per packet: a Buffer handed to send() must not be changed afterwards.
      const pkt = Buffer.allocUnsafe(12 + PAYLOAD);
      pkt[0] = 0x80;
      pkt[1] = 0; // PCMU
      pkt.writeUInt16BE(l.seq & 0xffff, 2);
      pkt.writeUInt32BE((l.seq * PAYLOAD) >>> 0, 4);
      pkt.writeUInt32BE(l.ssrc, 8);
      pkt.writeDoubleLE(wallNow(), 12 + AT_TIME);
      pkt.writeUInt32LE(l.index, 12 + AT_LEG);
      pkt.writeUInt32LE(l.seq, 12 + AT_INDEX);
      pkt.fill(0xff, 12 + 16);
      l.seq++;
      l.socket.send(pkt);
    }
  };
  timer = setInterval(wake, WAKE_MS);
}

const ms = (ns: number) => Math.round(ns / 1e3) / 1e3;

function report() {
  let sent = 0;
  let received = 0;
  let late = 0;
  const pdv: number[] = [];
  for (const sender of legs) {
    const rx = legs[sender.index ^ 1]!;
    const to = Math.min(sender.seq, rx.to);
    sent += Math.max(0, to - rx.from);
    for (let i = 0; i < rx.nDelays; i++) {
      const d = rx.delays[i]! - rx.minDelay;
      pdv.push(d);
      if (d > LATE_AFTER_MS) late++;
    }
    received += rx.nDelays;
  }
  pdv.sort((a, b) => a - b);
  const q = (p: number) => (pdv.length ? pdv[Math.min(pdv.length - 1, Math.floor(p * pdv.length))]! : 0);
  return {
    sent,
    received,
    lossPct: sent ? Math.max(0, (100 * (sent - received)) / sent) : 0,
    latePct: sent ? (100 * late) / sent : 0,
    pdvP50: q(0.5),
    pdvP99: q(0.99),
    pdvMax: pdv.length ? pdv[pdv.length - 1]! : 0,
    /** How late packets left against their schedule (ms). */
    sendLateP50: ms(lateness.percentile(50)),
    sendLateP99: ms(lateness.percentile(99)),
    sendLateMax: ms(lateness.max),
    /** The generator's event-loop delay (ms): also how late it read what it received. */
    loopDelayP99: ms(loopDelay.percentile(99)),
    loopDelayMax: ms(loopDelay.max),
  };
}

process.on('message', async (m: { op: string; calls?: number; targets?: number[] }) => {
  if (m.op === 'open') process.send!({ op: 'opened', ports: await open(m.calls!) });
  else if (m.op === 'start') {
    await start(m.targets!);
    process.send!({ op: 'started' });
  } else if (m.op === 'measure') {
    for (const l of legs) legs[l.index ^ 1]!.resetWindow(l.seq);
    lateness = createHistogram();
    loopDelay.reset();
    loopDelay.enable();
    process.send!({ op: 'measuring', cpu: process.cpuUsage() });
  } else if (m.op === 'stopSending') {
    clearInterval(timer);
    const cpu = process.cpuUsage();
    loopDelay.disable();
    for (const l of legs) legs[l.index ^ 1]!.to = l.seq;
    // Packets in flight arrive during the drain; what has not arrived by then is lost.
    setTimeout(() => process.send!({ op: 'report', report: report(), cpu }), DRAIN_MS);
  } else if (m.op === 'close') {
    for (const l of legs) l.socket.close();
    legs = [];
    process.send!({ op: 'closed' });
  } else if (m.op === 'exit') process.exit(0);
});
