/** Who is signed in: the session's tokens, and the account as /api/auth/me describes it. */
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, onSessionChange, problemOf, session, type ApiProblem, type Schemas } from './api/client';
import { navigate } from './router';

export type Me = Schemas['Me'];

interface AuthState {
  me: Me | null;
  loading: boolean;
  login(username: string, password: string): Promise<ApiProblem | null>;
  logout(): Promise<void>;
}

const AuthContext = createContext<AuthState>({
  me: null,
  loading: true,
  login: async () => null,
  logout: async () => undefined,
});

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);

  const load = useCallback(async () => {
    if (!session.get()) {
      setMe(null);
      setLoading(false);
      return;
    }
    setLoading(true);
    const { data } = await api.GET('/api/auth/me');
    setMe(data ?? null);
    setLoading(false);
  }, []);

  useEffect(() => {
    // Back from the organization's identity provider: the tokens ride in the fragment.
    const hash = window.location.hash;
    if (hash.startsWith('#/signed-in?')) {
      const params = new URLSearchParams(hash.slice('#/signed-in?'.length));
      const accessToken = params.get('accessToken');
      const refreshToken = params.get('refreshToken');
      if (accessToken && refreshToken) session.set({ accessToken, refreshToken });
      history.replaceState(null, '', '/#/');
    }
    void load();
    return onSessionChange(() => void load());
  }, [load]);

  const login = async (username: string, password: string) => {
    const { data, error } = await api.POST('/api/auth/login', { body: { username, password } });
    if (error || !data) return problemOf(error);
    session.set(data);
    await load();
    navigate('/');
    return null;
  };
  const logout = async () => {
    const refreshToken = session.get()?.refreshToken;
    session.set(null);
    if (refreshToken) await api.POST('/api/auth/logout', { body: { refreshToken } });
    navigate('/login');
  };
  return <AuthContext.Provider value={{ me, loading, login, logout }}>{children}</AuthContext.Provider>;
}

export const useAuth = () => useContext(AuthContext);

/** What the signed-in person may do, as the API's rules say (the API checks again). */
export function abilities(me: Me | null) {
  const role = me?.role;
  const grants = me?.grants ?? [];
  const actingUnits = grants.filter((g) => g.kind === 'unit-head' && g.unitCode).map((g) => g.unitCode as string);
  const unitWorker = role === 'unit-staff' || role === 'unit-head';
  return {
    units: [...new Set([...(unitWorker && me?.unitCode ? [me.unitCode] : []), ...actingUnits])],
    headsUnits: [...new Set([...(role === 'unit-head' && me?.unitCode ? [me.unitCode] : []), ...actingUnits])],
    decidesReports: role === 'director' || (role === 'deputy-director' && grants.some((g) => g.kind === 'oversight')),
    oversees: role === 'director' || role === 'deputy-director' || role === 'auditor',
    audits: role === 'director' || role === 'deputy-director' || role === 'auditor',
    plans: role === 'planner',
    activates: role === 'planner' || role === 'director',
    /** The organization's notification settings (reminder days, webhook). */
    setsNotifications: role === 'planner' || role === 'director',
  };
}
