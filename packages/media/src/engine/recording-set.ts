import { RecorderCore } from '../recorder.ts';
import { type ClosedRecording, RecordingFile } from '../recording-file.ts';
import type { Endpoint } from './endpoint.ts';
import type { MediaEvent, RecordChannels } from './protocol.ts';

interface Recording {
  id: string;
  core: RecorderCore;
  file: RecordingFile;
  caller: Endpoint;
  agent: Endpoint | undefined;
}

/**
 * The recordings of one worker. On each tick the recorder writes the caller's and agent's
 * de-jittered frames straight into the file's chunk (no per-tick buffer); the file writes ~1 s
 * chunks asynchronously with a bounded backlog. A recording whose disk fails or falls too far behind
 * ends at once with `recordingFailed` instead of holding memory or stalling the clock.
 */
export class RecordingSet {
  readonly #recs = new Map<string, Recording>();
  readonly #emit: (e: MediaEvent) => void;

  constructor(emit: (e: MediaEvent) => void) {
    this.#emit = emit;
  }

  get size(): number {
    return this.#recs.size;
  }

  has(id: string): boolean {
    return this.#recs.has(id);
  }

  /** Opens the file (rejects if it cannot be created); the caller checked the id is new. */
  async start(
    id: string,
    path: string,
    channels: RecordChannels,
    caller: Endpoint,
    agent: Endpoint | undefined,
  ): Promise<void> {
    const file = await RecordingFile.open(path, channels, performance.now());
    this.#recs.set(id, { id, core: new RecorderCore(channels), file, caller, agent });
  }

  /** False if there is no such recording. */
  pause(id: string, paused: boolean): boolean {
    const r = this.#recs.get(id);
    if (!r) return false;
    if (paused && r.core.state === 'recording') r.core.pause();
    if (!paused && r.core.state === 'paused') r.core.resume();
    return true;
  }

  tick(now: number): void {
    for (const r of this.#recs.values()) {
      const f = r.file;
      const at = f.reserve(r.core.frameBytes);
      f.commit(r.core.tickInto(r.caller.frame, r.agent?.frame, f.chunk, at), now);
      if (f.error) void this.#fail(r, f.error);
    }
  }

  /** Closes the file; emits and resolves `recordingClosed`, or emits `recordingFailed` and rejects. */
  async stop(id: string): Promise<ClosedRecording> {
    const r = this.#recs.get(id)!;
    this.#recs.delete(id);
    r.core.stop();
    try {
      const c = await r.file.close();
      this.#emit({ type: 'recordingClosed', recordingId: id, ...c });
      return c;
    } catch (e) {
      this.#emit({ type: 'recordingFailed', recordingId: id, path: r.file.path, error: (e as Error).message });
      throw e;
    }
  }

  /** Stops every recording `ep` takes part in (the leg is being released). */
  async stopAllOf(ep: Endpoint): Promise<void> {
    for (const r of [...this.#recs.values()])
      if (r.caller === ep || r.agent === ep) await this.stop(r.id).catch(() => {});
  }

  async #fail(r: Recording, e: Error): Promise<void> {
    if (!this.#recs.has(r.id)) return;
    this.#recs.delete(r.id);
    r.core.stop();
    await r.file.close().catch(() => {});
    this.#emit({ type: 'recordingFailed', recordingId: r.id, path: r.file.path, error: e.message });
  }
}
