import type { Signal } from '@hotline/core';
import type {
  BridgeMember,
  CodecSettings,
  EndpointStats,
  MediaDirection,
  MediaEvent,
  PlaySpec,
  RecordChannels,
  RemoteAddress,
} from '@hotline/media';

/**
 * What the switch needs from the media engine: `MediaEngine` of `@hotline/media` implements it
 * (worker threads, real RTP); tests of the call core use a recording fake.
 */
export interface MediaPort {
  readonly events: Signal<[MediaEvent]>;
  allocate(opts?: { near?: string; deadMediaMs?: number }): Promise<{ endpointId: string; port: number }>;
  setRemote(endpointId: string, remote: RemoteAddress): Promise<void>;
  setCodec(endpointId: string, codec: CodecSettings): Promise<void>;
  setDirection(endpointId: string, direction: MediaDirection): Promise<void>;
  bridge(bridgeId: string, members: BridgeMember[]): Promise<void>;
  unbridge(bridgeId: string): Promise<void>;
  play(
    endpointId: string,
    items: PlaySpec[],
    opts?: { loop?: boolean; stopOnDtmf?: boolean; playId?: string },
  ): Promise<string>;
  stopPlay(endpointId: string): Promise<void>;
  recordStart(opts: {
    path: string;
    caller: string;
    agent?: string;
    channels?: RecordChannels;
    recordingId?: string;
  }): Promise<string>;
  recordPause(recordingId: string): Promise<void>;
  recordResume(recordingId: string): Promise<void>;
  recordStop(recordingId: string): Promise<{ path: string; durationMs: number; bytes: number; sha256: string }>;
  sendDtmf(endpointId: string, digits: string, durationMs?: number): Promise<void>;
  stats(endpointId: string): Promise<EndpointStats>;
  release(endpointId: string): Promise<EndpointStats | undefined>;
}
