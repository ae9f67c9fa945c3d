import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SwitchConfig } from '@hotline/contracts';
import type { z } from 'zod';
import { TestControl } from '../src/control/test-control.test-helper.ts';
import { type SwitchRuntime, startSwitchRuntime } from '../src/runtime.ts';

export const TOKEN = 'test-call-control-token';

export function hasTool(name: string): boolean {
  try {
    execFileSync('which', [name], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export const quietLog = {
  info: () => undefined,
  warn: (d: Record<string, unknown>, m: string) => process.env.SWITCH_TEST_LOG && console.error(m, d),
};

/** A switch in this process with real UDP SIP and media workers, on the given ports. */
export async function startTestSwitch(o: {
  sipPort: number;
  rtp: [number, number];
  config: z.input<typeof SwitchConfig>;
  announcementFile?: string;
  tcp?: boolean;
  /** Also listen for SIP over TLS on this port (self-signed certificate under the data directory). */
  tlsPort?: number;
}): Promise<SwitchRuntime & { dir: string; recordings: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'switch-test-'));
  const recordings = join(dir, 'recordings');
  const rt = await startSwitchRuntime({
    sipHost: '127.0.0.1',
    sipPort: o.sipPort,
    ...(o.tcp ? { tcp: true } : {}),
    ...(o.tlsPort !== undefined ? { tlsPort: o.tlsPort } : {}),
    rtpPortMin: o.rtp[0],
    rtpPortMax: o.rtp[1],
    mediaWorkers: 1,
    recordingsDir: recordings,
    dataDir: dir,
    controlHost: '127.0.0.1',
    controlPort: 0,
    controlToken: TOKEN,
    initialConfig: SwitchConfig.parse(o.config),
    ...(o.announcementFile ? { announcementFile: o.announcementFile } : {}),
    log: quietLog,
  });
  return { ...rt, dir, recordings };
}

export function connectControl(rt: SwitchRuntime): Promise<TestControl> {
  return TestControl.ws(`ws://127.0.0.1:${rt.controlPort}/call-control`, TOKEN);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const DEMO_EXTENSIONS = ['1001', '1002', '1003', '1010'].map((extension) => ({
  extension,
  password: `sip-${extension}-demo`,
  displayName: `ext ${extension}`,
  permission: 'local' as const,
}));

export function connectControlAt(port: number): Promise<TestControl> {
  return TestControl.ws(`ws://127.0.0.1:${port}/call-control`, TOKEN);
}
