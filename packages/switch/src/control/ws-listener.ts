import { type WebSocket, WebSocketServer } from 'ws';
import type { CallControlServer, ControlSession } from './call-control-server.ts';

/** Largest call-control frame accepted (a `switch.configure` with thousands of extensions fits). */
export const MAX_FRAME_BYTES = 8 * 1024 * 1024;

export function wsSession(ws: WebSocket): ControlSession {
  return {
    send: (text) => {
      if (ws.readyState === ws.OPEN) ws.send(text);
    },
    close: (code, reason) => ws.close(code, reason),
    onMessage: (fn) => ws.on('message', (data, isBinary) => !isBinary && fn(data.toString())),
    onClose: (fn) => ws.on('close', fn),
  };
}

/**
 * The switch listens for control on a WebSocket (loopback by default, decision 0300); each
 * connection authenticates with `hello` before anything else.
 */
export async function listenForControl(
  server: CallControlServer,
  opts: { host: string; port: number },
): Promise<{ port: number; close(): Promise<void> }> {
  const wss = new WebSocketServer({
    host: opts.host,
    port: opts.port,
    maxPayload: MAX_FRAME_BYTES,
    path: '/call-control',
  });
  await new Promise<void>((resolve, reject) => {
    wss.once('listening', resolve);
    wss.once('error', reject);
  });
  wss.on('connection', (ws) => {
    ws.on('error', () => ws.terminate());
    server.attach(wsSession(ws));
  });
  const addr = wss.address();
  return {
    port: typeof addr === 'object' && addr ? addr.port : opts.port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close(() => resolve());
      }),
  };
}
