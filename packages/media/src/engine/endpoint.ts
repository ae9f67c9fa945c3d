import type { Socket } from 'node:dgram';
import type { DeadMediaDetector } from '../dead-media.ts';
import type { DtmfDetector } from '../dtmf-detector.ts';
import { JitterBuffer } from '../jitter-buffer.ts';
import { OutboundStream } from '../outbound-stream.ts';
import type { Player } from '../player.ts';
import type { ReceiverStats } from '../receiver-stats.ts';
import type { MediaDirection } from '../sdp.ts';
import { type PlannedEventPacket, TelephoneEventReceiver } from '../telephone-event.ts';
import type { CodecSettings, EndpointStats } from './protocol.ts';

/** A source may re-latch to a new address after its current one has been silent this long (NAT rebinding). */
export const RELATCH_AFTER_MS = 2000;

export interface BridgeState {
  id: string;
  endpoints: Endpoint[];
  /** hears[l][s]: listener l hears speaker s (mixer.ts hearingMatrix). */
  hears: boolean[][];
  /** For each listener, the one speaker it hears if exactly one (relay instead of mix). */
  sole: (number | undefined)[];
}

export interface DtmfInProgress {
  packets: PlannedEventPacket[];
  next: number;
  eventTs: number;
}

/** The state of one leg inside a media worker: its two sockets and everything about its streams. */
export class Endpoint {
  readonly id: string;
  readonly port: number;
  readonly rtp: Socket;
  readonly rtcp: Socket;
  remote: { address: string; port: number; rtcpPort: number } | undefined;
  latched = false;
  lastFromRemoteMs = -Infinity;
  rtcpRemote: { address: string; port: number } | undefined;
  codec: CodecSettings = { codec: 'PCMU', payloadType: 0, dtmfPayloadType: 101 };
  direction: MediaDirection = 'sendrecv';
  readonly out: OutboundStream;
  readonly jitter = new JitterBuffer();
  rx: ReceiverStats | undefined;
  readonly telephoneEvents = new TelephoneEventReceiver();
  inband: DtmfDetector | undefined;
  dead: DeadMediaDetector | undefined;
  readonly deadMediaMs: number;
  player: { player: Player; playId: string } | undefined;
  readonly dtmfQueue: string[] = [];
  dtmfDurationMs = 100;
  dtmf: DtmfInProgress | undefined;
  /** Ticks of audio to send between queued digits. */
  dtmfGapTicks = 0;
  bridge: BridgeState | undefined;
  bridgeIndex = -1;
  /** Decoded inbound frame of the current tick (undefined: nothing to play out). */
  frame: Int16Array | undefined;
  packetsReceived = 0;
  malformed = 0;
  unknownPayloadType = 0;
  remoteReport: EndpointStats['remoteReport'];
  sentSinceReport = false;
  nextRtcpMs: number;

  constructor(id: string, port: number, rtp: Socket, rtcp: Socket, nowMs: number, deadMediaMs: number) {
    this.id = id;
    this.port = port;
    this.rtp = rtp;
    this.rtcp = rtcp;
    this.deadMediaMs = deadMediaMs;
    const rnd = (n: number) => Math.floor(Math.random() * n);
    this.out = new OutboundStream(rnd(0x100000000), rnd(0x10000), rnd(0x100000000));
    this.nextRtcpMs = nowMs + 2500 + rnd(2500);
  }

  get canSend(): boolean {
    return this.remote !== undefined && (this.direction === 'sendrecv' || this.direction === 'sendonly');
  }

  get canReceive(): boolean {
    return this.direction === 'sendrecv' || this.direction === 'recvonly';
  }

  /** True when something other than the bridge owns this leg's outgoing audio this tick. */
  get outputBusy(): boolean {
    return this.player !== undefined || this.dtmf !== undefined || this.dtmfGapTicks > 0;
  }

  stats(): EndpointStats {
    return {
      endpointId: this.id,
      localPort: this.port,
      remote: this.remote ? { address: this.remote.address, port: this.remote.port } : undefined,
      latched: this.latched,
      packetsReceived: this.packetsReceived,
      packetsSent: this.out.packets,
      malformed: this.malformed,
      unknownPayloadType: this.unknownPayloadType,
      inbound: this.rx?.snapshot(),
      jitterBuffer: { ...this.jitter.stats },
      remoteReport: this.remoteReport,
    };
  }
}
