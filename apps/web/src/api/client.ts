/**
 * The API client, generated from the API's OpenAPI contract (schema.d.ts: `npm run web:api`);
 * no API type is written by hand. Adds the access token to every call and, when it has expired,
 * refreshes it once and retries; gives every command an Idempotency-Key.
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
    if (value)
      localStorage.setItem(KEY, JSON.stringify({ accessToken: value.accessToken, refreshToken: value.refreshToken }));
    else localStorage.removeItem(KEY);
    listeners.forEach((l) => l());
  },
};
const listeners = new Set<() => void>();
export const onSessionChange = (listener: () => void) => {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
};

let refreshing: Promise<boolean> | null = null;
/** Exchanges the refresh token for a new pair; false (and signed out) if it is no longer good. */
export function refreshSession(): Promise<boolean> {
  refreshing ??= (async () => {
    const current = session.get();
    if (!current) return false;
    const response = await fetch('/api/auth/refresh', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ refreshToken: current.refreshToken }),
    });
    if (!response.ok) {
      session.set(null);
      return false;
    }
    session.set(await response.json());
    return true;
  })().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

/** fetch with the access token, refreshed once on a 401; for the few calls the typed client does not cover (files). */
export async function authorizedFetch(input: string, init: RequestInit = {}): Promise<Response> {
  const send = () => fetch(input, { ...init, headers: { ...(init.headers ?? {}), ...bearer() } });
  const response = await send();
  if (response.status === 401 && session.get() && (await refreshSession())) return send();
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

/** The header of the POST operation at a path, when it has one. */
type PostHeader<P extends keyof paths> = paths[P] extends { post: { parameters: { header?: infer H } } }
  ? NonNullable<H>
  : never;
/** The routes that take an Idempotency-Key (@Idempotent() on the API), read from the contract. */
type CommandPath = {
  [P in keyof paths]: [PostHeader<P>] extends [never]
    ? never
    : 'Idempotency-Key' extends keyof PostHeader<P>
      ? P
      : never;
}[keyof paths];

/** Every command route, once: the type checker refuses this list when a command is added to the API and not here. */
const COMMAND_PATHS: Record<CommandPath, true> = {
  '/api/organizations/{organization}/plans/{fiscalYear}/activate': true,
  '/api/organizations/{organization}/plans/{fiscalYear}/close': true,
  '/api/organizations/{organization}/plans/{fiscalYear}/drafts/{draftId}/carry-over': true,
  '/api/organizations/{organization}/plans/{fiscalYear}/drafts/{draftId}/ita': true,
  '/api/organizations/{organization}/plans/{fiscalYear}/measures/{code}/tasks/{taskKey}/submit': true,
  '/api/organizations/{organization}/plans/{fiscalYear}/measures/{code}/tasks/{taskKey}/approve': true,
  '/api/organizations/{organization}/plans/{fiscalYear}/measures/{code}/tasks/{taskKey}/return': true,
  '/api/organizations/{organization}/plans/{fiscalYear}/measures/{code}/reports/{reportKey}/submit': true,
  '/api/organizations/{organization}/plans/{fiscalYear}/measures/{code}/reports/{reportKey}/approve': true,
  '/api/organizations/{organization}/plans/{fiscalYear}/measures/{code}/reports/{reportKey}/return': true,
  '/api/organizations/{organization}/plans/{fiscalYear}/measures/{code}/amendments': true,
  '/api/organizations/{organization}/delegations': true,
  '/api/organizations/{organization}/delegations/{id}/revoke': true,
  '/api/organizations/{organization}/plans/{fiscalYear}/drafts': true,
  '/api/organizations/{organization}/plans/{fiscalYear}/drafts/{draftId}/measures/from-items': true,
  '/api/organizations/{organization}/plans/{fiscalYear}/drafts/{draftId}/submit': true,
  '/api/organizations/{organization}/plans/{fiscalYear}/drafts/{draftId}/approve': true,
  '/api/organizations/{organization}/plans/{fiscalYear}/drafts/{draftId}/return': true,
  '/api/organizations/{organization}/plans/{fiscalYear}/drafts/{draftId}/discard': true,
};

/**
 * Keys of commands not yet answered for good, by what they ask (URL and body): a second click
 * while the first is on its way, or a retry after a 503 or a dropped connection, sends the same
 * key, so the API does the command once and answers both alike. A final answer (2xx, 4xx) ends
 * the key: asking again afterwards is a new command, and the API judges it again.
 */
const pendingKeys = new Map<string, { key: string; since: number }>();
/** The command each request in flight asks for (its body cannot be read again once sent). */
const inFlight = new Map<string, string>();
const PENDING_KEY_MS = 10 * 60_000;
const RETRYABLE = new Set([502, 503, 504]);

const idempotency: Middleware = {
  async onRequest({ request, schemaPath, id }) {
    if (request.method !== 'POST' || !(schemaPath in COMMAND_PATHS) || request.headers.has('Idempotency-Key'))
      return request;
    const command = `${request.url}\n${await request.clone().text()}`;
    const now = Date.now();
    for (const [c, p] of pendingKeys) if (now - p.since > PENDING_KEY_MS) pendingKeys.delete(c);
    const pending = pendingKeys.get(command) ?? { key: crypto.randomUUID(), since: now };
    pendingKeys.set(command, pending);
    inFlight.set(id, command);
    request.headers.set('Idempotency-Key', pending.key);
    return request;
  },
  onResponse({ response, id }) {
    const command = inFlight.get(id);
    inFlight.delete(id);
    if (command !== undefined && !RETRYABLE.has(response.status)) pendingKeys.delete(command);
    return response;
  },
  onError({ id }) {
    // No answer at all (offline, connection dropped): the key stays for the retry.
    inFlight.delete(id);
  },
};

export const api = createClient<paths>({ baseUrl: '' });
api.use(auth, idempotency);

/** The error body every 4xx carries: a message and the fields at fault. */
export interface ApiProblem {
  message: string;
  problems?: Array<{ path: string; message: string }>;
}
export function problemOf(error: unknown): ApiProblem {
  if (error && typeof error === 'object' && 'message' in error) return error as ApiProblem;
  return { message: String(error ?? 'error') };
}
