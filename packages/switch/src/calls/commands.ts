import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CallControlCommand } from '@hotline/contracts';
import { ErrorCode, HotlineError, newId } from '@hotline/core';
import type { PlaySpec } from '@hotline/media';
import type { Bridge } from '../core/bridge.ts';
import type { Leg } from '../core/leg.ts';
import type { UasCall } from '../sip/uas-call.ts';
import { banView, type Switch } from '../switch.ts';
import { Collector } from './collector.ts';
import { answerInbound, originateLeg, resolveTargets, ringback } from './dial.ts';
import { localHold } from './reinvite.ts';
import { attendedTransfer, blindTransfer } from './transfer.ts';
import { renderSpeech } from './tts.ts';

function legOf(sw: Switch, id: string): Leg {
  const l = sw.legs.get(id);
  if (!l?.live) throw new HotlineError(ErrorCode.NotFound, `no live leg ${id}`);
  return l;
}

function bridgeOf(sw: Switch, id: string): Bridge {
  const b = sw.bridges.get(id);
  if (!b) throw new HotlineError(ErrorCode.NotFound, `no bridge ${id}`);
  return b;
}

function endpointOf(leg: Leg): string {
  if (!leg.endpointId) throw new HotlineError(ErrorCode.Conflict, `leg ${leg.id} has no media`);
  return leg.endpointId;
}

/** Media before answer: 183 Session Progress with our answer (early media, RFC 3960). */
function earlyMedia(sw: Switch, leg: Leg): void {
  if (leg.direction === 'inbound' && (leg.state === 'offered' || leg.state === 'ringing')) {
    (leg.sip as UasCall).provisional(183, leg.localSdp);
    leg.move('early');
    sw.emit({ type: 'leg.ringing', legId: leg.id, early: true });
  }
}

async function play(sw: Switch, leg: Leg, items: PlaySpec[], stopOnDtmf: boolean, loop: boolean, playId?: string) {
  earlyMedia(sw, leg);
  const id = await sw.media.play(endpointOf(leg), items, { loop, stopOnDtmf, playId: playId ?? newId() });
  return { playId: id };
}

/** Executes one call-control command (ARCHITECTURE §4). Errors are coded; the server replies. */
export async function handleCommand(sw: Switch, cmd: CallControlCommand): Promise<unknown> {
  switch (cmd.type) {
    case 'leg.answer': {
      const leg = legOf(sw, cmd.legId);
      if (leg.direction !== 'inbound') throw new HotlineError(ErrorCode.BadRequest, 'only inbound legs are answered');
      answerInbound(sw, leg);
      return undefined;
    }
    case 'leg.hangup': {
      const leg = sw.legs.get(cmd.legId);
      if (!leg) throw new HotlineError(ErrorCode.NotFound, `no leg ${cmd.legId}`);
      sw.hangup(leg, cmd.q850 ?? 16, 'control', cmd.status);
      return undefined;
    }
    case 'leg.play':
      return play(sw, legOf(sw, cmd.legId), cmd.items, cmd.stopOnDtmf, cmd.loop, cmd.playId);
    case 'leg.say': {
      const file = await renderSpeech(cmd.text, cmd.voice, sw.opts.promptCacheDir);
      return play(sw, legOf(sw, cmd.legId), [{ file }], cmd.stopOnDtmf, false, cmd.playId);
    }
    case 'leg.collect': {
      const leg = legOf(sw, cmd.legId);
      sw.collectors.get(leg.id)?.cancel();
      sw.collectors.set(
        leg.id,
        new Collector(cmd, sw.scheduler, (digits, reason) => {
          sw.collectors.delete(leg.id);
          sw.emit({ type: 'leg.collected', legId: leg.id, digits, reason });
        }),
      );
      return undefined;
    }
    case 'leg.record': {
      const leg = legOf(sw, cmd.legId);
      const recordingId = newId();
      const path = sw.recordingPath(recordingId);
      mkdirSync(dirname(path), { recursive: true });
      await sw.media.recordStart({
        path,
        caller: endpointOf(leg),
        channels: 'mono',
        recordingId,
      });
      sw.legRecordings.set(recordingId, {
        legId: leg.id,
        startedAt: sw.scheduler.now(),
        timer: sw.scheduler.setTimeout(() => void sw.stopLegRecording(recordingId), cmd.maxMs),
      });
      return { recordingId };
    }
    case 'leg.stopMedia': {
      const leg = legOf(sw, cmd.legId);
      sw.collectors.get(leg.id)?.cancel();
      sw.collectors.delete(leg.id);
      await sw.media.stopPlay(endpointOf(leg));
      for (const [id, r] of sw.legRecordings) if (r.legId === leg.id) await sw.stopLegRecording(id);
      return undefined;
    }
    case 'leg.originate': {
      const targets = resolveTargets(sw, cmd.to);
      if (!targets) throw new HotlineError(ErrorCode.NotFound, `cannot reach ${cmd.to}`);
      const target = targets[0];
      if (!target) throw new HotlineError(ErrorCode.Unavailable, `${cmd.to} is not registered`);
      const partner = cmd.bridgeWith ? legOf(sw, cmd.bridgeWith) : null;
      const near = cmd.near ?? partner?.id;
      const nearEp = near ? (sw.legs.get(near)?.endpointId ?? null) : null;
      const leg = await originateLeg(sw, target, {
        caller: cmd.from ?? partner?.caller ?? 'hotline',
        near: nearEp,
        routedBy: 'control',
        ...(cmd.legId ? { legId: cmd.legId } : {}),
      });
      const timer = sw.scheduler.setTimeout(() => leg.state !== 'answered' && sw.hangup(leg, 19), cmd.timeoutMs);
      leg.sip.ended.once(() => timer.cancel());
      if (partner) {
        const uac = leg.sip as import('../sip/uac-call.ts').UacCall;
        uac.progress.on(() => void ringback(sw, partner));
        uac.answered.on(() => {
          timer.cancel();
          void (async () => {
            for (let i = 0; i < 50 && leg.state !== 'answered' && leg.live; i++)
              await new Promise((r) => setTimeout(r, 5));
            if (!leg.live || !partner.live) return;
            if (partner.state !== 'answered') answerInbound(sw, partner);
            await sw.createBridge([partner, leg], {
              record: partner.record && sw.config.recordByDefault,
              policy: 'control',
            });
          })();
        });
      } else uacAnswerClearsTimer(leg, timer);
      return { legId: leg.id };
    }
    case 'leg.hold':
      await localHold(sw, legOf(sw, cmd.legId), true);
      return undefined;
    case 'leg.unhold':
      await localHold(sw, legOf(sw, cmd.legId), false);
      return undefined;
    case 'leg.dtmf':
      await sw.media.sendDtmf(endpointOf(legOf(sw, cmd.legId)), cmd.digits);
      return undefined;
    case 'leg.transfer': {
      const leg = legOf(sw, cmd.legId);
      if (cmd.withLegId) return attendedTransfer(sw, leg, legOf(sw, cmd.withLegId));
      if (cmd.to) return blindTransfer(sw, leg, cmd.to);
      throw new HotlineError(ErrorCode.BadRequest, 'leg.transfer needs to or withLegId');
    }
    case 'bridge.create': {
      const legs = cmd.legIds.map((id) => legOf(sw, id));
      if (cmd.bridgeId && sw.bridges.has(cmd.bridgeId)) throw new HotlineError(ErrorCode.Conflict, 'bridge exists');
      const b = await sw.createBridge(legs, {
        ...(cmd.bridgeId ? { id: cmd.bridgeId } : {}),
        record: cmd.record ?? (sw.config.recordByDefault && legs.every((l) => l.record)),
        policy: 'control',
      });
      return { bridgeId: b.id };
    }
    case 'bridge.add':
      return joinBridge(sw, cmd.bridgeId, cmd.legId, 'full');
    case 'bridge.remove': {
      const leg = legOf(sw, cmd.legId);
      if (leg.bridgeId !== cmd.bridgeId) throw new HotlineError(ErrorCode.NotFound, 'leg is not in that bridge');
      await sw.leaveBridge(leg, false);
      return undefined;
    }
    case 'bridge.destroy':
      await sw.destroyBridge(bridgeOf(sw, cmd.bridgeId), cmd.hangup);
      return undefined;
    case 'bridge.listen':
      return joinBridge(sw, cmd.bridgeId, cmd.legId, 'listen');
    case 'bridge.whisper':
      return joinBridge(sw, cmd.bridgeId, cmd.legId, 'whisper', cmd.toLegId);
    case 'bridge.barge':
      return joinBridge(sw, cmd.bridgeId, cmd.legId, 'barge');
    case 'recording.start':
      return { recordingId: await sw.startRecording(bridgeOf(sw, cmd.bridgeId), cmd.recordingId ?? newId()) };
    case 'recording.pause':
      await sw.media.recordPause(cmd.recordingId);
      return undefined;
    case 'recording.resume':
      await sw.media.recordResume(cmd.recordingId);
      return undefined;
    case 'recording.stop': {
      const b = [...sw.bridges.values()].find((x) => x.recordingId === cmd.recordingId);
      if (b) await sw.stopRecording(b);
      else if (sw.legRecordings.has(cmd.recordingId)) await sw.stopLegRecording(cmd.recordingId);
      else throw new HotlineError(ErrorCode.NotFound, `no recording ${cmd.recordingId}`);
      return undefined;
    }
    case 'switch.configure':
      sw.configure(cmd.config);
      return { version: cmd.config.version };
    case 'switch.snapshot':
      return cmd.withMedia ? sw.snapshotWithMedia() : { ...sw.snapshotBody(false), lastSeq: sw.control.lastSeq };
    case 'switch.bans':
      return { bans: sw.guard.bans().map(banView) };
    case 'switch.unban':
      // Idempotent: lifting a ban that is gone (expired, or lifted by another control) is ok.
      return { lifted: sw.unban(cmd.kind, cmd.key) };
  }
}

function uacAnswerClearsTimer(leg: Leg, timer: { cancel(): void }): void {
  const uac = leg.sip as import('../sip/uac-call.ts').UacCall;
  uac.answered.on(() => timer.cancel());
}

async function joinBridge(
  sw: Switch,
  bridgeId: string,
  legId: string,
  mode: 'full' | 'listen' | 'whisper' | 'barge',
  whisperTo?: string,
): Promise<undefined> {
  const bridge = bridgeOf(sw, bridgeId);
  const leg = legOf(sw, legId);
  if (leg.bridgeId && leg.bridgeId !== bridgeId) await sw.leaveBridge(leg, false);
  bridge.add(leg.id, mode, whisperTo);
  if (leg.bridgeId !== bridgeId) leg.bridgeIds.push(bridgeId);
  leg.bridgeId = bridgeId;
  if (leg.endpointId) await sw.media.stopPlay(leg.endpointId).catch(() => undefined);
  await sw.syncBridge(bridge);
  sw.emit({ type: 'bridge.joined', bridgeId, legId, mode });
  return undefined;
}
