/**
 * The API client, generated from the API's OpenAPI contract (schema.d.ts: `npm run web:api`);
 * no API type is written by hand. Adds the access token to every call and, when it has expired,
 * refreshes it once and retries.
 */
import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];
export type { paths };

export interface Session {
  accessToken: string;
  refreshToken: string;
}

const KEY = 'ita.session';

export const session = {
  get(): Session | null {
    try {
      return JSON.parse(localStorage.getItem(KEY) ?? 'null') as Session | null;
    } catch {
      return null;
    }
  },
  set(value: Session | null): void {
    if (value) localStorage.setItem(KEY, JSON.stringify({ accessToken: value.accessToken, refreshToken: value.refreshToken }));
    else localStorage.removeItem(KEY);
    listeners.forEach((l) => l());
  },
};
const listeners = new Set<() => void>();
export const onSessionChange = (listener: () => void) => {
  listeners.add(listener);
  return () => { listeners.delete(listener); };
};

let refreshing: Promise<boolean> | null = null;
/** Exchanges the refresh token for a new pair; false (and signed out) if it is no longer good. */
export function refreshSession(): Promise<boolean> {
  refreshing ??= (async () => {
    const current = session.get();
    if (!current) return false;
    const response = await fetch('/api/auth/refresh', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ refreshToken: current.refreshToken }),
    });
    if (!response.ok) {
      session.set(null);
      return false;
    }
    session.set(await response.json());
    return true;
  })().finally(() => { refreshing = null; });
  return refreshing;
}

/** fetch with the access token, refreshed once on a 401; for the few calls the typed client does not cover (files). */
export async function authorizedFetch(input: string, init: RequestInit = {}): Promise<Response> {
  const send = () => fetch(input, { ...init, headers: { ...(init.headers ?? {}), ...bearer() } });
  const response = await send();
  if (response.status === 401 && session.get() && await refreshSession()) return send();
  return response;
}

const bearer = (): Record<string, string> => {
  const token = session.get()?.accessToken;
  return token ? { Authorization: `Bearer ${token}` } : {};
};

const auth: Middleware = {
  onRequest({ request }) {
    const token = session.get()?.accessToken;
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  },
  async onResponse({ request, response }) {
    if (response.status !== 401 || request.url.includes('/api/auth/') || !session.get()) return response;
    if (!(await refreshSession())) return response;
    const retry = request.clone();
    retry.headers.set('Authorization', `Bearer ${session.get()?.accessToken}`);
    return fetch(retry);
  },
};

export const api = createClient<paths>({ baseUrl: '' });
api.use(auth);

/** The error body every 4xx carries: a message and the fields at fault. */
export interface ApiProblem {
  message: string;
  problems?: Array<{ path: string; message: string }>;
}
export function problemOf(error: unknown): ApiProblem {
  if (error && typeof error === 'object' && 'message' in error) return error as ApiProblem;
  return { message: String(error ?? 'error') };
}
