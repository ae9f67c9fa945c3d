/** @hotline/switch — public surface. Everything else in src/ is internal. */

/** The certificate the switch makes for its TLS listener when none is configured (also for tests). */
export { type CertificatePair, selfSignedCertificate } from '@hotline/sip';
export { CallControlServer, CLOSE_UNAUTHENTICATED, type ControlSession } from './control/call-control-server.ts';
export { type LoopbackClient, loopbackPair } from './control/loopback.ts';
export { listenForControl } from './control/ws-listener.ts';
export { Bridge, BridgeState } from './core/bridge.ts';
export { type HoldState, Leg, LegState, q850OfStatus, statusOfQ850 } from './core/leg.ts';
export type { MediaPort } from './media/media-port.ts';
export { type ClassifiedNumber, classifyNumber, type NumberKind, permits } from './routing/number-plan.ts';
export {
  configCachePath,
  FALLBACK_ANNOUNCEMENT,
  loadCachedConfig,
  type SwitchRuntime,
  type SwitchRuntimeOptions,
  saveCachedConfig,
  startSwitchRuntime,
} from './runtime.ts';
export { Switch, type SwitchLog, type SwitchOptions } from './switch.ts';
