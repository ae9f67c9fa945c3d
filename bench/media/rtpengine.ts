/**
 * The reference: Debian's rtpengine (userspace relay, no recording) driven over its ng control
 * protocol (bencode over UDP), one offer/answer per call, so the same generator legs can be pointed
 * at it.
 */
import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Bval, bdecode, bencode } from './bencode.ts';

const NG_TIMEOUT_MS = 3000;

function ngClient(port: number) {
  const sock = createSocket('udp4');
  let seq = 0;
  const pending = new Map<string, (v: Record<string, Bval>) => void>();
  sock.on('message', (msg) => {
    const sp = msg.indexOf(0x20);
    const cookie = msg.subarray(0, sp).toString();
    pending.get(cookie)?.(bdecode(msg.subarray(sp + 1)) as Record<string, Bval>);
    pending.delete(cookie);
  });
  return {
    call(cmd: Record<string, Bval>): Promise<Record<string, Bval>> {
      const cookie = `c${++seq}`;
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`ng ${cmd.command} timed out`)), NG_TIMEOUT_MS);
        pending.set(cookie, (v) => {
          clearTimeout(t);
          resolve(v);
        });
        sock.send(`${cookie} ${bencode(cmd)}`, port, '127.0.0.1');
      });
    },
    close: () => sock.close(),
  };
}

const sdpFor = (port: number) =>
  `v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio ${port} RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\na=sendrecv\r\n`;
const portOf = (sdp: string) => Number(/m=audio (\d+)/.exec(sdp)?.[1]);

export interface Rtpengine {
  pid: number;
  /** Sets up one call per pair of generator ports; returns where each leg must send. */
  connect(ports: number[]): Promise<number[]>;
  stop(): Promise<void>;
}

export async function startRtpengine(ngPort: number, portRange: readonly [number, number]): Promise<Rtpengine> {
  const proc = spawn(
    'rtpengine',
    [
      '--interface=127.0.0.1',
      `--listen-ng=127.0.0.1:${ngPort}`,
      '--table=-1',
      '--foreground',
      `--port-min=${portRange[0]}`,
      `--port-max=${portRange[1]}`,
      '--log-level=3',
      '--no-redis-required',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let err = '';
  proc.stderr!.on('data', (d) => {
    err += d;
  });
  const ng = ngClient(ngPort);
  const stop = async () => {
    ng.close();
    proc.kill('SIGTERM');
    await sleep(300);
  };
  try {
    for (let i = 0; ; i++) {
      const pong = await ng.call({ command: 'ping' }).catch(() => undefined);
      if (pong?.result === 'pong') break;
      if (i === 49) throw new Error(`rtpengine did not answer ping: ${err.slice(0, 400)}`);
      await sleep(100);
    }
  } catch (e) {
    await stop();
    throw e;
  }
  return {
    pid: proc.pid!,
    async connect(ports) {
      const targets: number[] = [];
      for (let c = 0; c < ports.length / 2; c++) {
        const callId = `bench-${c}-${Date.now()}`;
        const offer = await ng.call({
          command: 'offer',
          'call-id': callId,
          'from-tag': 'a',
          sdp: sdpFor(ports[2 * c]!),
        });
        const answer = await ng.call({
          command: 'answer',
          'call-id': callId,
          'from-tag': 'a',
          'to-tag': 'b',
          sdp: sdpFor(ports[2 * c + 1]!),
        });
        if (offer.result !== 'ok' || answer.result !== 'ok')
          throw new Error(`ng offer/answer failed: ${JSON.stringify([offer, answer]).slice(0, 300)}`);
        // A sends to the port in the answer (rtpengine's side facing A); B to the one in the offer.
        targets.push(portOf(answer.sdp as string), portOf(offer.sdp as string));
      }
      return targets;
    },
    stop,
  };
}
