import { addMessages } from '../../shared/i18n.tsx';
import { portalMessages } from './messages.ts';

addMessages(portalMessages);

/** The public citizen portal, rendered by app.tsx at /portal outside the logged-in shell. */
export { PortalPage } from './portal-page.tsx';
