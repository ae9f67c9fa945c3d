import { type CallControlEvent, CallControlEvent as EventSchema } from '@hotline/contracts';
import { JsonLinesFile } from './json-lines-file.ts';

/** Acknowledged events left in the file before it is rewritten with only the pending ones. */
export const COMPACT_AFTER_ACKED = 2_000;

/**
 * The switch's unacknowledged call-control events (CDRs, recordings, alerts …) on disk, so that a
 * switch crash loses none (decision 0306). An append-only file of JSON lines:
 *
 *   {"e": <event>}     an event, in seq order
 *   {"ack": n}         control acknowledged every event up to seq n
 *   {"seq": n}         the highest seq handed out (first line after a compaction)
 *
 * Each line is written with one `write(2)` before the event is sent to any control, so a killed
 * process (kill -9) loses nothing that was sent; `fdatasync` follows once per event-loop turn
 * (coalesced: one sync for a burst of events), so a power cut loses at most that turn. On
 * acknowledgement an `ack` line is appended; once enough acknowledged events have piled up the
 * file is rewritten (tmp + fsync + rename) with the seq mark and the pending events only. A torn
 * last line (crash mid-write) is ignored on load.
 */
export class EventJournal {
  readonly path: string;
  readonly #file: JsonLinesFile;
  #ackedInFile = 0;
  #lastSeq = 0;

  constructor(path: string) {
    this.path = path;
    this.#file = new JsonLinesFile(path);
  }

  /** The pending events (seq above the last ack) and the highest seq ever used. */
  load(): { events: CallControlEvent[]; lastSeq: number } {
    const records = this.#file.read();
    if (!records) return { events: [], lastSeq: 0 };
    const events: CallControlEvent[] = [];
    let acked = 0;
    let lastSeq = 0;
    for (const rec of records) {
      if (typeof rec.ack === 'number') acked = Math.max(acked, rec.ack);
      else if (typeof rec.seq === 'number') lastSeq = Math.max(lastSeq, rec.seq);
      else if (rec.e !== undefined) {
        const p = EventSchema.safeParse(rec.e);
        if (p.success) {
          events.push(p.data);
          lastSeq = Math.max(lastSeq, p.data.seq);
        }
      }
    }
    this.#lastSeq = lastSeq;
    const pending = events.filter((e) => e.seq > acked);
    this.#ackedInFile = events.length - pending.length;
    return { events: pending, lastSeq };
  }

  append(e: CallControlEvent): void {
    this.#lastSeq = Math.max(this.#lastSeq, e.seq);
    this.#file.append({ e });
  }

  /** Control acknowledged up to `upTo`; `pending` are the events still waiting (in seq order). */
  ack(upTo: number, pending: readonly CallControlEvent[], ackedNow: number): void {
    this.#ackedInFile += ackedNow;
    // Never truncate in place: a crash between truncating and writing the seq mark would leave an
    // empty file and the restarted switch would hand out seq 1 again. Compaction is always a
    // rewrite (tmp + fsync + rename), which is atomic, and only once enough has piled up.
    if (this.#ackedInFile >= COMPACT_AFTER_ACKED) {
      this.#file.rewrite([{ seq: this.#lastSeq }, ...pending.map((e) => ({ e }))]);
      this.#ackedInFile = 0;
      return;
    }
    this.#file.append({ ack: upTo });
  }

  close(): void {
    this.#file.close();
  }
}
