/** `hotline switch`: SIP + media only; control connects to it over call-control (decision 0300). */
import { readFileSync } from 'node:fs';
import { SwitchConfig } from '@hotline/contracts';
import { ErrorCode, HotlineError } from '@hotline/core';
import { type SwitchRuntime, type SwitchRuntimeOptions, startSwitchRuntime } from '@hotline/switch';

type CertificatePair = NonNullable<SwitchRuntimeOptions['tls']>;

import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import { controlToken } from './control-token.ts';

/**
 * The SIP TLS certificate from `HOTLINE_SIP_TLS_CERT` / `HOTLINE_SIP_TLS_KEY` (PEM files), or
 * undefined: the runtime then makes a self-signed one in `<dataDir>/switch/tls/` (the demo).
 */
export function sipTlsCertificate(config: Pick<Config, 'sipTlsCert' | 'sipTlsKey'>): CertificatePair | undefined {
  if (config.sipTlsCert === undefined || config.sipTlsKey === undefined) return undefined;
  const read = (path: string, what: string) => {
    try {
      return readFileSync(path, 'utf8');
    } catch (e) {
      throw new HotlineError(
        ErrorCode.ConfigInvalid,
        `cannot read the SIP TLS ${what} ${path}: ${(e as Error).message}`,
      );
    }
  };
  return { cert: read(config.sipTlsCert, 'certificate'), key: read(config.sipTlsKey, 'key') };
}

export async function startSwitch(config: Config, log: Logger): Promise<SwitchRuntime> {
  const fallback = config.fallbackExtensions ? config.fallbackExtensions.split(',') : [];
  const tls = sipTlsCertificate(config);
  const rt = await startSwitchRuntime({
    sipHost: config.sipHost,
    sipPort: config.sipPort,
    tcp: true,
    tlsPort: config.sipTlsPort,
    ...(tls ? { tls } : {}),
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
      sipTls: `${config.sipHost}:${rt.tlsPort}`,
      tlsCertificate: tls ? config.sipTlsCert : 'self-signed',
      callControl: `${config.switchControlHost}:${rt.controlPort}`,
      configVersion: rt.sw.config.version,
    },
    'switch listening',
  );
  return rt;
}
