/** `hotline switch`: SIP + media only; control connects to it over call-control (decision 0300). */
import { SwitchConfig } from '@hotline/contracts';
import { type SwitchRuntime, startSwitchRuntime } from '@hotline/switch';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import { controlToken } from './control-token.ts';

export async function startSwitch(config: Config, log: Logger): Promise<SwitchRuntime> {
  const fallback = config.fallbackExtensions ? config.fallbackExtensions.split(',') : [];
  const rt = await startSwitchRuntime({
    sipHost: config.sipHost,
    sipPort: config.sipPort,
    tcp: true,
    rtpPortMin: config.rtpPortMin,
    rtpPortMax: config.rtpPortMax,
    recordingsDir: config.recordingsDir,
    dataDir: config.dataDir,
    controlHost: config.switchControlHost,
    controlPort: config.switchControlPort,
    controlToken: controlToken(config),
    // Until control pushes its configuration (and caches it), only the fallback group is known.
    initialConfig: SwitchConfig.parse({ fallback: { extensions: fallback, ringSeconds: 30 } }),
    log: {
      info: (d, m) => log.info(d, m),
      warn: (d, m) => log.warn(d, m),
    },
  });
  log.info(
    {
      sip: `${config.sipHost}:${rt.sipPort}`,
      callControl: `${config.switchControlHost}:${rt.controlPort}`,
      configVersion: rt.sw.config.version,
    },
    'switch listening',
  );
  return rt;
}
