import { ChangePasswordBody, LoginBody, LoginResponse, MeResponse, Ok } from '@hotline/contracts';
import { ErrorCode, HotlineError } from '@hotline/core';
import { defineRoute } from '../define-route.ts';
import type { RouteModule } from './module.ts';

export const SESSION_COOKIE = 'hl_session';

export const authRoutes: RouteModule = (app, table, { accounts, config }) => {
  defineRoute(app, table, {
    method: 'POST',
    url: '/api/v1/auth/login',
    summary: 'Log in with username and password; sets the HttpOnly session cookie',
    access: 'public',
    body: LoginBody,
    response: LoginResponse,
    handler: async ({ body, reply, meta }) => {
      const { auth, cookie } = await accounts.login(body.username, body.password, meta);
      reply.setCookie(SESSION_COOKIE, cookie, {
        httpOnly: true,
        sameSite: 'strict',
        secure: config.secureCookies,
        path: '/',
        maxAge: config.sessionTtlHours * 3600,
      });
      return { user: auth.user, csrfToken: auth.csrfToken ?? '' };
    },
  });

  defineRoute(app, table, {
    method: 'POST',
    url: '/api/v1/auth/logout',
    summary: 'End the current session',
    access: 'authenticated',
    response: Ok,
    handler: async ({ auth, reply, meta }) => {
      if (auth) await accounts.logout(auth, meta);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  });

  defineRoute(app, table, {
    method: 'GET',
    url: '/api/v1/auth/me',
    summary: 'The logged-in user and the CSRF token for writes',
    access: 'authenticated',
    response: MeResponse,
    handler: ({ auth }) => {
      if (!auth) throw new HotlineError(ErrorCode.Unauthenticated, 'log in first');
      return { user: auth.user, csrfToken: auth.csrfToken };
    },
  });

  defineRoute(app, table, {
    method: 'POST',
    url: '/api/v1/auth/password',
    summary: 'Change my password',
    access: 'authenticated',
    body: ChangePasswordBody,
    response: Ok,
    handler: async ({ auth, body, meta }) => {
      if (!auth) throw new HotlineError(ErrorCode.Unauthenticated, 'log in first');
      await accounts.changePassword(auth.user.id, body.currentPassword, body.newPassword, meta);
      return { ok: true as const };
    },
  });
};
