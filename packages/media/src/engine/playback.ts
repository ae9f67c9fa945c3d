import { readFile } from 'node:fs/promises';
import { Player, type PlayItem } from '../player.ts';
import { readWavAs8kMono } from '../wav.ts';
import type { Endpoint } from './endpoint.ts';
import type { MediaEvent, PlaySpec } from './protocol.ts';

export type StopReason = 'done' | 'stopped' | 'dtmf';

/**
 * Prompts and tones on a leg: WAV files are read and converted to 8 kHz once per worker (cached by
 * path), a new play replaces the current one, and every play ends with exactly one `playDone`.
 */
export class Playback {
  readonly #prompts = new Map<string, Promise<Int16Array>>();
  readonly #emit: (e: MediaEvent) => void;

  constructor(emit: (e: MediaEvent) => void) {
    this.#emit = emit;
  }

  /** Loads the items, then starts playing on `ep` unless `stillThere()` says it was released meanwhile. */
  async play(
    ep: Endpoint,
    cmd: { playId: string; items: PlaySpec[]; loop: boolean; stopOnDtmf: boolean },
    stillThere: () => boolean,
  ): Promise<void> {
    let items: PlayItem[];
    try {
      items = await Promise.all(cmd.items.map((s) => this.#item(s)));
    } catch (e) {
      this.#emit({
        type: 'playDone',
        endpointId: ep.id,
        playId: cmd.playId,
        reason: 'error',
        error: (e as Error).message,
      });
      return;
    }
    if (!stillThere()) return;
    this.stop(ep, 'stopped');
    ep.player = { player: new Player(items, { loop: cmd.loop, stopOnDtmf: cmd.stopOnDtmf }), playId: cmd.playId };
  }

  stop(ep: Endpoint, reason: StopReason): void {
    const pl = ep.player;
    if (!pl) return;
    ep.player = undefined;
    this.#emit({ type: 'playDone', endpointId: ep.id, playId: pl.playId, reason });
  }

  #item(s: PlaySpec): Promise<PlayItem> {
    if ('silenceMs' in s) return Promise.resolve({ kind: 'silence', ms: s.silenceMs });
    if ('tone' in s)
      return Promise.resolve(
        s.durationMs === undefined
          ? { kind: 'tone', tone: s.tone }
          : { kind: 'tone', tone: s.tone, durationMs: s.durationMs },
      );
    let p = this.#prompts.get(s.file);
    if (!p) {
      p = readFile(s.file).then((buf) => {
        const r = readWavAs8kMono(buf);
        if (!r.ok) throw new Error(`${s.file}: ${r.error}`);
        return r.value;
      });
      p.catch(() => this.#prompts.delete(s.file));
      this.#prompts.set(s.file, p);
    }
    return p.then((samples) => ({ kind: 'audio', samples }));
  }
}
