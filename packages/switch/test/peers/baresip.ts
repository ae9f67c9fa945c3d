import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, readdirSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A headless baresip 1.0 on loopback, controlled over ctrl_tcp (netstring JSON). */
export interface BaresipEvent {
  type: string;
  param?: string;
  [k: string]: unknown;
}

function config(o: {
  sipPort: number;
  ctrlPort: number;
  rtpPorts: string;
  src: string;
  rec: string;
  certificate?: string;
}): string {
  return `poll_method epoll
sip_listen 127.0.0.1:${o.sipPort}
${o.certificate ? `sip_certificate ${o.certificate}\n` : ''}net_interface 127.0.0.1
call_local_timeout 120
call_max_calls 4
audio_source aufile,${o.src}
audio_player alsa,null
audio_alert alsa,null
ausrc_srate 8000
auplay_srate 8000
ausrc_channels 1
auplay_channels 1
ausrc_format s16
auplay_format s16
auenc_format s16
audec_format s16
audio_buffer 20-160
rtp_ports ${o.rtpPorts}
rtp_timeout 0
rtcp_mux no
jitter_buffer_delay 5-10
module_path /usr/lib/baresip/modules
module g711.so
module aufile.so
module alsa.so
module sndfile.so
module ctrl_tcp.so
module_tmp uuid.so
module_tmp account.so
module_app contact.so
module_app menu.so
snd_path ${o.rec}
ctrl_tcp_listen 127.0.0.1:${o.ctrlPort}
`;
}

const running = new Set<ChildProcess>();
// A test that dies must not leave phones holding its ports.
process.once('exit', () => {
  for (const p of running) p.kill('SIGKILL');
});

export class Baresip {
  readonly dir: string;
  readonly rec: string;
  readonly events: BaresipEvent[] = [];
  readonly #proc: ChildProcess;
  #sock: Socket | null = null;
  #buf = Buffer.alloc(0);
  #waiters = new Set<() => void>();
  #responses = new Map<string, (r: { ok: boolean; data?: string }) => void>();
  #seq = 0;

  private constructor(proc: ChildProcess, dir: string, rec: string) {
    this.#proc = proc;
    this.dir = dir;
    this.rec = rec;
  }

  /** `account`: e.g. `<sip:1001@127.0.0.1:16000>;auth_pass=x;regint=600;answermode=auto`. */
  static async start(o: {
    name: string;
    sipPort: number;
    ctrlPort: number;
    rtpPorts: string;
    tone: number;
    account: string;
    /**
     * PEM file with certificate and key for baresip's own TLS listener (SIP port + 1), which the
     * switch connects to when it calls a phone registered over TLS.
     */
    certificate?: string;
    /** Print baresip's SIP trace (`-s`) and log to this file. */
    traceFile?: string;
  }) {
    const dir = mkdtempSync(join(tmpdir(), `baresip-${o.name}-`));
    const rec = join(dir, 'rec');
    mkdirSync(rec);
    const src = join(dir, 'src.wav');
    execFileSync('sox', [
      '-n',
      '-r',
      '8000',
      '-c',
      '1',
      '-b',
      '16',
      '-e',
      'signed-integer',
      src,
      'synth',
      '120',
      'sine',
      String(o.tone),
      'vol',
      '0.3',
    ]);
    writeFileSync(
      join(dir, 'config'),
      config({
        sipPort: o.sipPort,
        ctrlPort: o.ctrlPort,
        rtpPorts: o.rtpPorts,
        src,
        rec,
        ...(o.certificate ? { certificate: o.certificate } : {}),
      }),
    );
    writeFileSync(join(dir, 'accounts'), `${o.account}\n`);
    writeFileSync(join(dir, 'contacts'), '');
    const trace = o.traceFile ? openSync(o.traceFile, 'w') : 'ignore';
    const proc = spawn('baresip', ['-f', dir, ...(o.traceFile ? ['-s'] : [])], { stdio: ['ignore', trace, trace] });
    running.add(proc);
    proc.once('exit', () => running.delete(proc));
    const b = new Baresip(proc, dir, rec);
    for (let i = 0; i < 100; i++) {
      try {
        await b.#connect(o.ctrlPort);
        return b;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    b.stop();
    throw new Error('baresip control port never opened');
  }

  #connect(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => {
        this.#sock = s;
        resolve();
      });
      s.once('error', reject);
      s.on('data', (d) => this.#data(d));
    });
  }

  #data(d: Buffer): void {
    this.#buf = Buffer.concat([this.#buf, d]);
    for (;;) {
      const colon = this.#buf.indexOf(':');
      if (colon < 0) return;
      const len = Number(this.#buf.subarray(0, colon).toString());
      if (this.#buf.length < colon + 2 + len) return;
      const body = this.#buf.subarray(colon + 1, colon + 1 + len).toString();
      this.#buf = this.#buf.subarray(colon + 2 + len);
      let m: { event?: boolean; response?: boolean; token?: string; ok?: boolean; data?: string; type?: string };
      try {
        m = JSON.parse(body);
      } catch {
        continue;
      }
      if (m.response && m.token) this.#responses.get(m.token)?.({ ok: !!m.ok, ...(m.data ? { data: m.data } : {}) });
      if (m.event) {
        this.events.push(m as BaresipEvent);
        for (const w of [...this.#waiters]) w();
      }
    }
  }

  command(command: string, params = ''): Promise<{ ok: boolean; data?: string }> {
    const token = String(++this.#seq);
    const js = JSON.stringify({ command, params, token });
    return new Promise((resolve) => {
      this.#responses.set(token, resolve);
      this.#sock?.write(`${Buffer.byteLength(js)}:${js},`);
    });
  }

  /** Waits for the `n`-th (1-based) event of `type` since start. */
  waitEvent(type: string, n = 1, timeoutMs = 10_000): Promise<BaresipEvent> {
    const find = () => this.events.filter((e) => e.type === type)[n - 1];
    return new Promise((resolve, reject) => {
      const hit = find();
      if (hit) return resolve(hit);
      const t = setTimeout(() => {
        this.#waiters.delete(check);
        reject(
          new Error(`baresip: timeout waiting for ${type} #${n}; saw ${this.events.map((e) => e.type).join(',')}`),
        );
      }, timeoutMs);
      const check = () => {
        const e = find();
        if (!e) return;
        clearTimeout(t);
        this.#waiters.delete(check);
        resolve(e);
      };
      this.#waiters.add(check);
    });
  }

  /** Polls `reginfo` until the account is registered (REGISTER_OK may precede our control connection). */
  async waitRegistered(timeoutMs = 10_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
      const r = await this.command('reginfo');
      if (/\sOK\s/.test((r.data ?? '').replace(/\x1B\[[0-9;]*m/g, ' '))) return;
      await new Promise((res) => setTimeout(res, 200));
    }
    throw new Error('baresip: not registered');
  }

  /** What baresip received in its calls (sndfile's `*-dec.wav`), newest last. */
  receivedWavs(): string[] {
    return readdirSync(this.rec)
      .filter((f) => f.endsWith('-dec.wav'))
      .sort()
      .map((f) => join(this.rec, f));
  }

  stop(): void {
    this.#sock?.destroy();
    this.#proc.kill('SIGKILL');
  }
}
