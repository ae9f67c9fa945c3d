/**
 * How a bridge member takes part. `full`: hears everyone, heard by everyone (a party of a call or
 * conference; `barge` — 强插 — is the same for a supervisor). `listen` (监听): hears everyone,
 * heard by nobody. `whisper` (三方协助): hears everyone, heard only by `whisperTo` (the agent).
 */
export const MemberMode = { Full: 'full', Listen: 'listen', Whisper: 'whisper', Barge: 'barge' } as const;
export type MemberMode = (typeof MemberMode)[keyof typeof MemberMode];

export interface BridgeMember {
  id: string;
  mode: MemberMode;
  /** For `whisper`: the member who hears the whisperer. */
  whisperTo?: string;
}

/** `hears[l][s]`: listener l hears speaker s. Nobody hears themself. */
export function hearingMatrix(members: readonly BridgeMember[]): boolean[][] {
  return members.map((listener) =>
    members.map((speaker) => {
      if (listener.id === speaker.id) return false;
      switch (speaker.mode) {
        case MemberMode.Full:
        case MemberMode.Barge:
          return true;
        case MemberMode.Listen:
          return false;
        case MemberMode.Whisper:
          return speaker.whisperTo === listener.id;
        default:
          return false;
      }
    }),
  );
}

/**
 * N-party mix: each output is the clamped sum of the inputs its listener hears. Missing inputs
 * (no frame this tick) count as silence. Pure; `outputs[i]` is undefined when listener i hears
 * nothing at all this tick (so the caller can send nothing rather than digital silence).
 */
export function mixFrames(
  inputs: readonly (Int16Array | undefined)[],
  hears: readonly (readonly boolean[])[],
  frameSize = 160,
): (Int16Array | undefined)[] {
  const acc = new Int32Array(frameSize);
  return hears.map((row) => {
    let any = false;
    acc.fill(0);
    for (let s = 0; s < row.length; s++) {
      const inp = inputs[s];
      if (!row[s] || !inp) continue;
      any = true;
      const n = Math.min(frameSize, inp.length);
      for (let i = 0; i < n; i++) acc[i]! += inp[i]!;
    }
    if (!any) return undefined;
    const out = new Int16Array(frameSize);
    for (let i = 0; i < frameSize; i++) {
      const v = acc[i]!;
      out[i] = Math.min(32767, Math.max(-32768, v));
    }
    return out;
  });
}

/** For a listener: the single speaker it hears, if exactly one — then packets can be relayed, not mixed. */
export function soleSpeaker(row: readonly boolean[]): number | undefined {
  let found: number | undefined;
  for (let s = 0; s < row.length; s++) {
    if (!row[s]) continue;
    if (found !== undefined) return undefined;
    found = s;
  }
  return found;
}
