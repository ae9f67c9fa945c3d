import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getHeader } from '../message/headers.ts';
import { parseMessage } from '../message/parse-message.ts';
import type { SipRequest, SipResponse } from '../message/sip-message.ts';
import { SipEndpoint } from '../transaction/sip-endpoint.ts';
import { selfSignedCertificate } from './self-signed-cert.ts';
import { StreamFramer } from './stream-framer.ts';
import { StreamTransport } from './stream-transport.ts';
import type { Transport } from './transport.ts';
import { UdpTransport } from './udp-transport.ts';

const OPTIONS = (n: number) =>
  `OPTIONS sip:a@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1:1;branch=z9hG4bK${n}\r\nFrom: <sip:b@x>;tag=1\r\n` +
  `To: <sip:a@x>\r\nCall-ID: f${n}\r\nCSeq: 1 OPTIONS\r\nContent-Length: 5\r\n\r\nhello`;

test('StreamFramer: split and coalesced chunks, keep-alive pings, missing Content-Length', () => {
  const f = new StreamFramer();
  const two = Buffer.from(OPTIONS(1) + OPTIONS(2));
  const out = [...f.push(two.subarray(0, 10)), ...f.push(two.subarray(10, 200)), ...f.push(two.subarray(200))];
  assert.deepEqual(
    out.map((x) => (x.kind === 'message' ? x.data.toString() : x.kind)),
    [OPTIONS(1), OPTIONS(2)],
  );
  assert.deepEqual(f.push(Buffer.from('\r\n\r\n')), [{ kind: 'ping' }]);
  assert.equal(f.push(Buffer.from('OPTIONS sip:a SIP/2.0\r\nVia: x\r\n\r\n'))[0]?.kind, 'error');
});

async function roundTrip(server: Transport, client: Transport): Promise<SipResponse> {
  const a = new SipEndpoint({ transports: [server] });
  const b = new SipEndpoint({ transports: [client] });
  a.request.on((r) => r.respond(200, { headers: [['X-Seen-Port', String(r.source.port)]] }));
  const req = parseMessage(OPTIONS(9)) as SipRequest;
  req.headers = req.headers.filter((h) => h.name !== 'Via');
  const tx = b.sendRequest(req, { protocol: server.protocol, host: '127.0.0.1', port: server.local.port });
  const res = await new Promise<SipResponse>((resolve, reject) => {
    tx.response.on(resolve);
    tx.timedOut.on(() => reject(new Error('timeout')));
  });
  await Promise.all([a.close(), b.close()]);
  return res;
}

test('UDP: request and response over real sockets, rport filled in', async () => {
  const res = await roundTrip(await UdpTransport.listen({ port: 0 }), await UdpTransport.listen({ port: 0 }));
  assert.equal(res.status, 200);
  assert.match(getHeader(res, 'Via') ?? '', /rport=\d+/);
});

test('TCP: the response comes back on the same connection', async () => {
  const server = await StreamTransport.listen('tcp', { port: 0 });
  const client = await StreamTransport.listen('tcp', { port: 0 });
  const res = await roundTrip(server, client);
  assert.equal(res.status, 200);
  // The server answered on the client's ephemeral outbound connection, not its listening port.
  assert.notEqual(getHeader(res, 'X-Seen-Port'), String(client.local.port));
});

test('TLS with a generated self-signed certificate', async (t) => {
  let pair: ReturnType<typeof selfSignedCertificate>;
  try {
    pair = selfSignedCertificate();
  } catch {
    t.skip('openssl not installed');
    return;
  }
  const server = await StreamTransport.listen('tls', { port: 0, tls: pair });
  const client = await StreamTransport.listen('tls', { port: 0, tls: pair });
  const res = await roundTrip(server, client);
  assert.equal(res.status, 200);
});
