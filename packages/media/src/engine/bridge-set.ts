import { type BridgeMember, hearingMatrix, mixFrames, soleSpeaker } from '../mixer.ts';
import type { BridgeState, Endpoint } from './endpoint.ts';
import { sendLocal } from './packet-path.ts';

export class BridgeConflict extends Error {}

/**
 * The bridges of one worker: who hears whom (hearingMatrix), which listeners get a relay (exactly
 * one speaker: forwarded on arrival by the packet path) and which a mix (built here on the tick).
 */
export class BridgeSet {
  readonly #bridges = new Map<string, BridgeState>();

  get size(): number {
    return this.#bridges.size;
  }

  /** Creates or replaces bridge `id`; throws BridgeConflict if a member is in another bridge. */
  set(id: string, eps: Endpoint[], members: BridgeMember[]): void {
    for (const ep of eps) {
      if (ep.bridge && ep.bridge.id !== id)
        throw new BridgeConflict(`endpoint ${ep.id} is already in bridge ${ep.bridge.id}`);
    }
    this.remove(id);
    this.#install(id, eps, hearingMatrix(members));
  }

  remove(id: string): void {
    const b = this.#bridges.get(id);
    if (!b) return;
    for (const ep of b.endpoints) {
      ep.bridge = undefined;
      ep.bridgeIndex = -1;
    }
    this.#bridges.delete(id);
  }

  /** Takes a released leg out of its bridge; the others stay bridged with the modes they had. */
  leave(gone: Endpoint): void {
    const old = gone.bridge;
    if (!old) return;
    this.remove(old.id);
    if (old.endpoints.length <= 2) return;
    const keep = old.endpoints.map((_, i) => i).filter((i) => old.endpoints[i] !== gone);
    this.#install(
      old.id,
      keep.map((i) => old.endpoints[i]!),
      keep.map((l) => keep.map((s) => old.hears[l]![s]!)),
    );
  }

  /** Sends the mixes of this tick (conferences, whisper targets, barge) from the members' frames. */
  mixAll(now: number): void {
    for (const b of this.#bridges.values()) {
      let needsMix = false;
      for (let l = 0; l < b.endpoints.length; l++)
        if (b.sole[l] === undefined && b.hears[l]!.some(Boolean)) needsMix = true;
      if (!needsMix) continue;
      const outs = mixFrames(
        b.endpoints.map((e) => e.frame),
        b.hears,
      );
      for (let l = 0; l < b.endpoints.length; l++) {
        const ep = b.endpoints[l]!;
        const o = outs[l];
        if (b.sole[l] !== undefined || !o || ep.outputBusy) continue;
        sendLocal(ep, o, now);
      }
    }
  }

  #install(id: string, eps: Endpoint[], hears: boolean[][]): void {
    const b: BridgeState = { id, endpoints: eps, hears, sole: hears.map((row) => soleSpeaker(row)) };
    eps.forEach((ep, i) => {
      ep.bridge = b;
      ep.bridgeIndex = i;
    });
    this.#bridges.set(id, b);
  }
}
