import { getHeader, type SipResponse } from '@hotline/sip';
import type { Leg } from '../core/leg.ts';
import type { Switch } from '../switch.ts';

/**
 * Session timers (RFC 4028): the refresher re-INVITEs every half interval (§10); the other side
 * ends the session with BYE when no refresh came by `interval − min(32 s, interval / 3)` (§10).
 */
export interface SessionTimer {
  refreshed(): void;
  cancel(): void;
}

export interface SessionExpires {
  seconds: number;
  refresher: 'local' | 'remote';
}

/** Session-Expires of a 2xx to our INVITE: who refreshes (we are the UAC). */
export function sessionExpiresOf(res: SipResponse | null): SessionExpires | null {
  const v = res ? getHeader(res, 'Session-Expires') : undefined;
  const m = v ? /^\s*([0-9]{1,6})\s*(?:;.*refresher\s*=\s*(uac|uas))?/i.exec(v) : null;
  if (!m) return null;
  return { seconds: Number(m[1]), refresher: (m[2] ?? 'uac').toLowerCase() === 'uas' ? 'remote' : 'local' };
}

export function startSessionTimer(sw: Switch, leg: Leg, se: SessionExpires | null): void {
  if (!se || se.seconds <= 0) return;
  const ms = se.seconds * 1000;
  let timer = sw.scheduler.setTimeout(() => undefined, 0);
  const arm = () => {
    timer.cancel();
    if (se.refresher === 'local') {
      timer = sw.scheduler.setTimeout(() => {
        if (!leg.live) return;
        void leg.sip.send('INVITE', { body: leg.localSdp }).then((res) => {
          // §10: a refresh answered 408 or 481 means the session is gone.
          if (res.status === 408 || res.status === 481) sw.hangup(leg, 102);
          else if (leg.live) arm();
        });
      }, ms / 2);
    } else {
      timer = sw.scheduler.setTimeout(
        () => {
          if (leg.live) {
            sw.log.info({ legId: leg.id }, 'session timer expired: hanging up');
            sw.hangup(leg, 102);
          }
        },
        ms - Math.min(32_000, ms / 3),
      );
    }
  };
  arm();
  sw.sessionTimers.set(leg.id, {
    refreshed: () => se.refresher === 'remote' && arm(),
    cancel: () => timer.cancel(),
  });
}
