/**
 * The signed-in person's count of unread notifications, for the header's bell: asked for when he
 * signs in, every 30 seconds after, and at once when a page marks notifications read (`refresh`).
 * One count for the whole app, so the bell and the notification page never disagree.
 */
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api } from './api/client';
import { useAuth } from './auth';

const POLL_MS = 30_000;

const UnreadContext = createContext<{ unread: number | null; refresh: () => Promise<void> }>({
  unread: null,
  refresh: async () => undefined,
});

export function UnreadProvider({ children }: { children: ReactNode }) {
  const { me } = useAuth();
  const [unread, setUnread] = useState<number | null>(null);
  const signedIn = !!me;
  const refresh = useCallback(async () => {
    const { data } = await api.GET('/api/me/notifications', { params: { query: { unread: true, limit: 1 } } });
    if (data) setUnread(data.unread);
  }, []);
  useEffect(() => {
    if (!signedIn) {
      setUnread(null);
      return;
    }
    void refresh();
    const timer = setInterval(() => void refresh(), POLL_MS);
    return () => clearInterval(timer);
  }, [signedIn, refresh]);
  return <UnreadContext.Provider value={{ unread, refresh }}>{children}</UnreadContext.Provider>;
}

export const useUnread = () => useContext(UnreadContext);
