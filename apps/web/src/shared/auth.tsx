import type { CurrentUser, Role } from '@hotline/contracts';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { ApiError, get, post, setCsrfToken, setOnUnauthenticated } from './api.ts';

interface Auth {
  user: CurrentUser | null;
  loading: boolean;
  login(username: string, password: string): Promise<void>;
  logout(): Promise<void>;
}

const Ctx = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<CurrentUser | null>(null);
  const [loading, setLoading] = useState(true);
  useEffect(() => {
    setOnUnauthenticated(() => setUser(null));
    get<{ user: CurrentUser; csrfToken: string | null }>('/api/v1/auth/me')
      .then((r) => {
        setCsrfToken(r.csrfToken);
        setUser(r.user);
      })
      .catch((e: unknown) => {
        if (!(e instanceof ApiError) || e.status !== 401) console.error(e);
      })
      .finally(() => setLoading(false));
  }, []);
  const login = useCallback(async (username: string, password: string) => {
    const r = await post<{ user: CurrentUser; csrfToken: string }>('/api/v1/auth/login', { username, password });
    setCsrfToken(r.csrfToken);
    setUser(r.user);
  }, []);
  const logout = useCallback(async () => {
    await post('/api/v1/auth/logout').catch(() => undefined);
    setCsrfToken(null);
    setUser(null);
  }, []);
  const value = useMemo(() => ({ user, loading, login, logout }), [user, loading, login, logout]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useAuth(): Auth {
  const v = useContext(Ctx);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}

/** Whether the signed-in user holds one of `roles` (the UI only hides; the API enforces). */
export function useHasRole(roles: readonly Role[]): boolean {
  const { user } = useAuth();
  return user?.roles.some((r) => roles.includes(r as Role)) ?? false;
}
