import { listNotifications, markNotificationsRead } from '@hotline/cases';
import {
  MarkNotificationsReadBody,
  MarkNotificationsReadResponse,
  NotificationsQuery,
  NotificationsResponse,
} from '@hotline/contracts';
import { defineRoute } from '../define-route.ts';
import type { RouteModule } from './module.ts';

/** The caller's own in-app notifications (deadline warnings and breaches of work orders). */
export const notificationRoutes: RouteModule = (app, table, deps) => {
  defineRoute(app, table, {
    method: 'GET',
    url: '/api/v1/notifications',
    summary: 'My notifications, newest first, with the unread count (work-order deadline warnings and breaches)',
    tags: ['notifications'],
    access: 'authenticated',
    query: NotificationsQuery,
    response: NotificationsResponse,
    handler: async ({ query, auth }) =>
      listNotifications(deps.store, auth!.user.id, {
        limit: query.limit,
        offset: query.offset,
        unreadOnly: query.unread === 'true',
      }),
  });

  defineRoute(app, table, {
    method: 'POST',
    url: '/api/v1/notifications/read',
    summary: 'Mark my notifications read (the given ids, or all)',
    tags: ['notifications'],
    access: 'authenticated',
    body: MarkNotificationsReadBody,
    response: MarkNotificationsReadResponse,
    handler: async ({ body, auth }) => ({
      updated: await markNotificationsRead(
        deps.store,
        auth!.user.id,
        'all' in body ? 'all' : body.ids,
        deps.clock.now(),
      ),
    }),
  });
};
