/**
 * Content-Length framing for stream transports (RFC 3261 §18.3). Feed bytes as they arrive;
 * complete messages come out. Leading CRLFs are keep-alives (RFC 5626 §3.5.1): a double CRLF
 * "ping" is reported so the transport can answer with a single CRLF "pong".
 */
export type FrameResult =
  | { readonly kind: 'message'; readonly data: Buffer }
  | { readonly kind: 'ping' }
  | { readonly kind: 'error'; readonly reason: string };

export const MAX_STREAM_HEADER_BYTES = 16_384;
export const MAX_STREAM_BODY_BYTES = 65_535;
const CRLF2 = Buffer.from('\r\n\r\n');
const CL_RE = /\r\n(?:content-length|l)[ \t]*:[ \t]*([0-9]+)[ \t]*(?=\r\n)/i;

export class StreamFramer {
  #buf: Buffer = Buffer.alloc(0);

  /** Returns every frame completed by `chunk`. After an 'error' the connection must be closed. */
  push(chunk: Buffer): FrameResult[] {
    this.#buf = this.#buf.length === 0 ? chunk : Buffer.concat([this.#buf, chunk]);
    const out: FrameResult[] = [];
    for (;;) {
      let i = 0;
      while (i < this.#buf.length && (this.#buf[i] === 0x0d || this.#buf[i] === 0x0a)) i++;
      if (i > 0) {
        if (this.#buf.subarray(0, i).includes(CRLF2)) out.push({ kind: 'ping' });
        this.#buf = this.#buf.subarray(i);
      }
      if (this.#buf.length === 0) return out;
      const end = this.#buf.indexOf(CRLF2);
      if (end < 0) {
        if (this.#buf.length > MAX_STREAM_HEADER_BYTES) return [...out, { kind: 'error', reason: 'header too large' }];
        return out;
      }
      const head = this.#buf.subarray(0, end + 2).toString('latin1');
      const m = CL_RE.exec(head);
      // §18.3: over a stream Content-Length is mandatory.
      if (!m) return [...out, { kind: 'error', reason: 'missing Content-Length on stream' }];
      const len = Number(m[1]);
      if (len > MAX_STREAM_BODY_BYTES) return [...out, { kind: 'error', reason: 'body too large' }];
      const total = end + 4 + len;
      if (this.#buf.length < total) return out;
      out.push({ kind: 'message', data: Buffer.from(this.#buf.subarray(0, total)) });
      this.#buf = this.#buf.subarray(total);
    }
  }
}
