import type { ControlSession } from './call-control-server.ts';

/** The control end of an in-process connection (embedded mode and tests). */
export interface LoopbackClient {
  send(text: string): void;
  onMessage(fn: (text: string) => void): void;
  onClose(fn: () => void): void;
  close(): void;
}

/**
 * An in-process pair: what one side sends the other receives on a later microtask (like a socket,
 * so no re-entrancy surprises), text frames only — the same bytes as over WebSocket.
 */
export function loopbackPair(): { session: ControlSession; client: LoopbackClient } {
  const toSwitch = new Set<(t: string) => void>();
  const toControl = new Set<(t: string) => void>();
  const closers = new Set<() => void>();
  let open = true;
  const close = () => {
    if (!open) return;
    open = false;
    queueMicrotask(() => {
      for (const f of closers) f();
    });
  };
  const deliver = (to: Set<(t: string) => void>, t: string) => {
    if (!open) return;
    queueMicrotask(() => {
      for (const f of to) f(t);
    });
  };
  return {
    session: {
      send: (t) => deliver(toControl, t),
      close,
      onMessage: (fn) => toSwitch.add(fn),
      onClose: (fn) => closers.add(fn),
    },
    client: {
      send: (t) => deliver(toSwitch, t),
      onMessage: (fn) => toControl.add(fn),
      onClose: (fn) => closers.add(fn),
      close,
    },
  };
}
