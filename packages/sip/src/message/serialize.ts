import type { SipMessage } from './sip-message.ts';

/**
 * Writes a message in wire form. Content-Length is always recomputed from the body (§20.14:
 * mandatory over streams), and any Content-Length header in `headers` is ignored.
 */
export function serialize(msg: SipMessage): Buffer {
  const start = msg.kind === 'request' ? `${msg.method} ${msg.uri} SIP/2.0` : `SIP/2.0 ${msg.status} ${msg.reason}`;
  let head = `${start}\r\n`;
  for (const h of msg.headers) if (h.name !== 'Content-Length') head += `${h.name}: ${h.value}\r\n`;
  head += `Content-Length: ${msg.body.byteLength}\r\n\r\n`;
  return msg.body.byteLength === 0 ? Buffer.from(head, 'utf8') : Buffer.concat([Buffer.from(head, 'utf8'), msg.body]);
}
