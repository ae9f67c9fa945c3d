import type { RouteModule } from './module.ts';
import { pushSwitchConfig, telephonyServiceOf } from './telephony.ts';
import { extensionAdminRoutes } from './telephony-admin-extensions.ts';
import { routingAdminRoutes } from './telephony-admin-routing.ts';
import { trunkAdminRoutes } from './telephony-admin-trunks.ts';

/**
 * Switch configuration administration (extensions, trunks, DIDs, outbound routes) — every change
 * validated, audited with before/after in its transaction, then pushed to the switch with
 * `switch.configure`. Registered after `telephonyRoutes`, whose call-control client it uses.
 */
export const telephonyAdminRoutes: RouteModule = (app, table, deps) => {
  const service = telephonyServiceOf(app);
  const ctx = {
    store: deps.store,
    push: () => pushSwitchConfig(service, (e) => deps.log.warn({ err: e }, 'pushing the switch configuration failed')),
    sealTrunkPassword: (plain: string) => service.trunkSecrets.seal(plain),
  };
  extensionAdminRoutes(app, table, ctx);
  trunkAdminRoutes(app, table, ctx);
  routingAdminRoutes(app, table, ctx);
};
