/** @hotline/media — public surface. Everything else in src/ is internal. */

export { DtmfDetector } from './dtmf-detector.ts';
// Runtime: the main-thread engine and its command/event types.
export {
  DEFAULT_RTP_PORT_MAX,
  DEFAULT_RTP_PORT_MIN,
  MediaEngine,
  type MediaEngineOptions,
} from './engine/media-engine.ts';
export type {
  CodecName,
  CodecSettings,
  EndpointStats,
  MediaEvent,
  PlaySpec,
  RecordChannels,
  RemoteAddress,
  WorkerLoad,
} from './engine/protocol.ts';
export { alawToLinear, decodeG711, encodeG711, linearToAlaw, linearToUlaw, ulawToLinear } from './g711.ts';
export { toneAmplitude } from './goertzel.ts';
// Bridge membership and supervisor modes.
export { type BridgeMember, MemberMode } from './mixer.ts';
export type { ParseResult } from './parse-result.ts';
export { readPcapUdp } from './pcap-reader.ts';
// Recordings at start-up and pure processors (usable without the engine, e.g. in tests and tools).
export { repairRecordingsIn, repairWavFile, sha256File } from './recording-file.ts';
export { parseRtcp, type RtcpPacket, serializeRtcpReport } from './rtcp-packet.ts';
export { parseRtp, type RtpPacket, serializeRtp } from './rtp-packet.ts';
// SDP offer/answer for audio.
export {
  answerAudioOffer,
  answerDirection,
  createAudioOffer,
  DEFAULT_DTMF_PT,
  type LocalAudio,
  type MediaDirection,
  type NegotiatedAudio,
  parseSdp,
  readAudioAnswer,
  type SdpAudio,
  type SdpSession,
} from './sdp.ts';
export { type DigitEvent, planTelephoneEvent, TelephoneEventReceiver } from './telephone-event.ts';
export { type ChinaToneName, ChinaTones, ToneGenerator } from './tone-generator.ts';
export { decodeWav, encodeWav, readWavAs8kMono } from './wav.ts';
