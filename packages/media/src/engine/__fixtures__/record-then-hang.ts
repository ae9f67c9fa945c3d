/**
 * Child process for the kill -9 test: starts an engine, records a call fed by a tone peer, prints
 * "recording" and then waits to be killed. Argument: the WAV path; env PORT_MIN.
 */
import { MediaEngine } from '../media-engine.ts';
import { RtpPeer } from '../rtp-peer.test-helper.ts';

const path = process.argv[2]!;
const portMin = Number(process.env.PORT_MIN ?? 20800);
const engine = new MediaEngine({ workers: 1, bindAddress: '127.0.0.1', portMin, portMax: portMin + 40 });
await engine.start();
const peer = await RtpPeer.open(440);
const ep = await engine.allocate();
await engine.setRemote(ep.endpointId, { address: '127.0.0.1', port: peer.port });
await engine.setCodec(ep.endpointId, { codec: 'PCMU', payloadType: 0, dtmfPayloadType: 101 });
peer.start(ep.port);
await engine.recordStart({ path, caller: ep.endpointId, channels: 'mono' });
console.log('recording');
setInterval(() => {}, 1000);
