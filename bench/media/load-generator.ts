/**
 * Load generator for bench/media, run as a separate process (fork with IPC). For each call it owns
 * two UDP sockets (leg A and leg B, like two phones) and sends 20 ms PCMU packets at 50 pps from
 * each to a target port; every payload starts with the send time (float64 ms) so the receiving
 * leg measures one-way delay. Reports loss and delay variation per run.
 */
import { createSocket, type Socket } from 'node:dgram';

interface Leg {
  socket: Socket;
  port: number;
  target: number;
  seq: number;
  ssrc: number;
  sent: number;
  minDelay: number;
  delays: number[];
  received: number;
}

let legs: Leg[] = [];
let timer: NodeJS.Timeout | undefined;
let measuring = false;
const now = () => performance.timeOrigin + performance.now();

async function open(calls: number): Promise<number[]> {
  legs = [];
  for (let i = 0; i < calls * 2; i++) {
    const s = createSocket('udp4');
    await new Promise<void>((r) => s.bind(0, '127.0.0.1', () => r()));
    s.setRecvBufferSize(1 << 20);
    const leg: Leg = {
      socket: s,
      port: s.address().port,
      target: 0,
      seq: 0,
      ssrc: (i * 7919) >>> 0,
      sent: 0,
      minDelay: Infinity,
      delays: [],
      received: 0,
    };
    s.on('message', (msg) => {
      // Only our relayed PCMU packets (RTCP from the relay may land here too: ephemeral ports are adjacent).
      if (!measuring || msg.length !== 12 + 160 || (msg[1]! & 0x7f) !== 0) return;
      const d = now() - msg.readDoubleLE(12);
      leg.received++;
      leg.delays.push(d);
      if (d < leg.minDelay) leg.minDelay = d;
    });
    legs.push(leg);
  }
  return legs.map((l) => l.port);
}

function start(targets: number[]): void {
  legs.forEach((l, i) => {
    l.target = targets[i]!;
  });
  const pkt = Buffer.alloc(12 + 160, 0xff);
  pkt[0] = 0x80;
  pkt[1] = 0; // PCMU
  const t0 = performance.now();
  // Each leg sends at its own phase within the 20 ms period, spreading the load.
  const phase = legs.map((_, i) => (i * 20) / legs.length);
  const due = legs.map(() => 0);
  timer = setInterval(() => {
    const t = performance.now() - t0;
    for (let i = 0; i < legs.length; i++) {
      const l = legs[i]!;
      while (due[i]! * 20 + phase[i]! <= t) {
        due[i]!++;
        pkt.writeUInt16BE(l.seq & 0xffff, 2);
        pkt.writeUInt32BE((l.seq * 160) >>> 0, 4);
        pkt.writeUInt32BE(l.ssrc, 8);
        pkt.writeDoubleLE(now(), 12);
        l.seq++;
        if (measuring) l.sent++;
        l.socket.send(pkt, l.target, '127.0.0.1');
      }
    }
  }, 2);
}

function report() {
  let sent = 0;
  let received = 0;
  const pdv: number[] = [];
  for (let i = 0; i < legs.length; i++) {
    const l = legs[i]!;
    // Leg 2k's packets arrive at leg 2k+1 and vice versa.
    sent += l.sent;
    const peer = legs[i ^ 1]!;
    received += peer.received;
    for (const d of peer.delays) pdv.push(d - peer.minDelay);
  }
  pdv.sort((a, b) => a - b);
  const q = (p: number) => (pdv.length ? pdv[Math.min(pdv.length - 1, Math.floor(p * pdv.length))]! : 0);
  return {
    sent,
    received,
    lossPct: sent ? Math.max(0, (100 * (sent - received)) / sent) : 0,
    pdvP50: q(0.5),
    pdvP99: q(0.99),
  };
}

process.on('message', async (m: { op: string; calls?: number; targets?: number[] }) => {
  if (m.op === 'open') process.send!({ op: 'opened', ports: await open(m.calls!) });
  else if (m.op === 'start') {
    start(m.targets!);
    process.send!({ op: 'started' });
  } else if (m.op === 'measure') {
    for (const l of legs) {
      l.sent = 0;
      l.received = 0;
      l.delays = [];
      l.minDelay = Infinity;
    }
    measuring = true;
    process.send!({ op: 'measuring', cpu: process.cpuUsage() });
  } else if (m.op === 'stopSending') {
    clearInterval(timer);
    // Let packets in flight arrive before counting.
    setTimeout(() => {
      measuring = false;
      process.send!({ op: 'report', report: report(), cpu: process.cpuUsage() });
    }, 300);
  } else if (m.op === 'close') {
    for (const l of legs) l.socket.close();
    legs = [];
    process.send!({ op: 'closed' });
  } else if (m.op === 'exit') process.exit(0);
});
