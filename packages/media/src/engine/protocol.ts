import type { BridgeMember } from '../mixer.ts';
import type { ReceiverSnapshot } from '../receiver-stats.ts';
import type { MediaDirection } from '../sdp.ts';
import type { DigitEvent } from '../telephone-event.ts';
import type { ChinaToneName } from '../tone-generator.ts';

/** Messages between MediaEngine (main thread) and its media workers. Plain structured-cloneable data. */

export type CodecName = 'PCMU' | 'PCMA';

export interface CodecSettings {
  codec: CodecName;
  payloadType: number;
  /** telephone-event PT; undefined = the far end does not do RFC 4733 (in-band detection is switched on). */
  dtmfPayloadType?: number | undefined;
}

export interface RemoteAddress {
  address: string;
  port: number;
  /** Defaults to port + 1; RTCP is also accepted multiplexed on the RTP port. */
  rtcpPort?: number;
}

/** What to play: a WAV file (any format, converted to 8 kHz and cached), a call-progress tone, or silence. */
export type PlaySpec = { file: string } | { tone: ChinaToneName; durationMs?: number } | { silenceMs: number };

export type RecordChannels = 'stereo' | 'mono';

export type WorkerCommand =
  | { op: 'allocate'; endpointId: string; deadMediaMs?: number }
  | { op: 'setRemote'; endpointId: string; remote: RemoteAddress }
  | { op: 'setCodec'; endpointId: string; codec: CodecSettings }
  | { op: 'setDirection'; endpointId: string; direction: MediaDirection }
  | { op: 'setInbandDtmf'; endpointId: string; enabled: boolean }
  | { op: 'bridge'; bridgeId: string; members: BridgeMember[] }
  | { op: 'unbridge'; bridgeId: string }
  | { op: 'play'; endpointId: string; playId: string; items: PlaySpec[]; loop: boolean; stopOnDtmf: boolean }
  | { op: 'stopPlay'; endpointId: string }
  | { op: 'recordStart'; recordingId: string; path: string; channels: RecordChannels; caller: string; agent?: string }
  | { op: 'recordPause'; recordingId: string }
  | { op: 'recordResume'; recordingId: string }
  | { op: 'recordStop'; recordingId: string }
  | { op: 'sendDtmf'; endpointId: string; digits: string; durationMs: number }
  | { op: 'stats'; endpointId: string }
  | { op: 'release'; endpointId: string }
  | { op: 'load'; resetWindow?: boolean };

export interface EndpointStats {
  endpointId: string;
  localPort: number;
  remote: { address: string; port: number } | undefined;
  /** True once the remote address was learnt from received packets (symmetric RTP). */
  latched: boolean;
  packetsReceived: number;
  packetsSent: number;
  malformed: number;
  unknownPayloadType: number;
  /** Reception statistics of the current inbound SSRC (RFC 3550 A.1/A.3/A.8). */
  inbound: ReceiverSnapshot | undefined;
  jitterBuffer: { late: number; concealed: number; overflowDropped: number; duplicates: number };
  /** What the far end reported about our stream in its last RTCP RR/SR. */
  remoteReport: { fractionLost: number; cumulativeLost: number; jitter: number } | undefined;
}

export interface WorkerLoad {
  endpoints: number;
  bridges: number;
  recordings: number;
  /** Ticks that ran late by more than one frame since start. */
  lateTicks: number;
  /** Ticks run since start, and ticks skipped because the worker fell more than 200 ms behind. */
  ticks: number;
  skippedTicks: number;
  /** How late the 20 ms ticks ran against their due time (ms) since the last window reset. */
  tickLatenessMs: { p50: number; p99: number; max: number };
  /** CPU time of the worker thread since start (ms). */
  cpuMs: number;
  /** Time the worker thread was runnable but waited for a CPU since start (ms; Linux only). */
  runQueueWaitMs: number | undefined;
  /** Garbage collections of the worker's heap since the last window reset. */
  gc: { count: number; totalMs: number; maxMs: number };
  /** The nice value asked for with `workerPriority`, and whether the OS granted it. */
  priority: { requested: number; applied: boolean; error?: string } | undefined;
}

export type CommandReply =
  | { id: number; ok: true; result?: unknown }
  | {
      id: number;
      ok: false;
      code: 'not_found' | 'conflict' | 'unavailable' | 'bad_request' | 'internal';
      message: string;
    };

export type MediaEvent =
  | ({ type: 'dtmf'; endpointId: string } & DigitEvent)
  | {
      type: 'playDone';
      endpointId: string;
      playId: string;
      reason: 'done' | 'stopped' | 'dtmf' | 'error';
      error?: string;
    }
  | { type: 'recordingClosed'; recordingId: string; path: string; durationMs: number; bytes: number; sha256: string }
  | { type: 'recordingFailed'; recordingId: string; path: string; error: string }
  | { type: 'deadMedia'; endpointId: string; silentMs: number }
  | { type: 'stats'; endpointId: string; stats: EndpointStats; final: boolean };

export type WorkerToMain =
  | { kind: 'reply'; reply: CommandReply }
  | { kind: 'event'; event: MediaEvent }
  | { kind: 'ready' };
export type MainToWorker = { kind: 'command'; id: number; command: WorkerCommand };

export interface WorkerConfig {
  index: number;
  bindAddress: string;
  /** This worker's slice of the RTP port range: even ports in [portMin, portMax). */
  portMin: number;
  portMax: number;
  deadMediaMs: number;
  /** Nice value for the worker thread (see MediaEngineOptions.workerPriority). */
  priority?: number;
}
