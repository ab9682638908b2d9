/**
 * The notification centre: the header's bell with the unread count, and the page of one's
 * notifications, newest first, unread ones marked in words as well as weight. Opening one marks
 * it read and goes where it leads; "mark all as read" clears the count.
 */
import { useState } from 'react';
import { api, problemOf, type ApiProblem, type Schemas } from '../api/client';
import { useLoad } from '../data';
import { useFormatDate, useText } from '../i18n';
import { href, navigate } from '../router';
import { Badge, Empty, ErrorNote, Loading, Page } from '../ui';
import { useUnread } from '../unread';

const TEXT = {
  th: {
    title: 'การแจ้งเตือน',
    bell: (n: number | null) => (n ? `การแจ้งเตือน ยังไม่อ่าน ${n} รายการ` : 'การแจ้งเตือน ไม่มีรายการที่ยังไม่อ่าน'),
    tabs: { all: 'ทั้งหมด', unread: 'ยังไม่อ่าน' },
    unreadCount: (n: number) => (n ? `ยังไม่อ่าน ${n} รายการ` : 'อ่านครบทุกรายการแล้ว'),
    markAll: 'ทำเครื่องหมายว่าอ่านทั้งหมดแล้ว',
    markOne: 'อ่านแล้ว',
    marked: (n: number) => `ทำเครื่องหมายว่าอ่านแล้ว ${n} รายการ`,
    isNew: 'ยังไม่อ่าน',
    settings: 'ตั้งค่าการแจ้งเตือน',
  },
  en: {
    title: 'Notifications',
    bell: (n: number | null) => (n ? `Notifications, ${n} unread` : 'Notifications, none unread'),
    tabs: { all: 'All', unread: 'Unread' },
    unreadCount: (n: number) => (n ? `${n} unread` : 'All read'),
    markAll: 'Mark all as read',
    markOne: 'Mark read',
    marked: (n: number) => `${n} marked read`,
    isNew: 'Unread',
    settings: 'Notification settings',
  },
};
type Tab = keyof typeof TEXT.th.tabs;

/** The header's bell: a link to the notification page, with the unread count as a badge. */
export function NotificationBell() {
  const t = useText(TEXT);
  const { unread } = useUnread();
  return (
    <a href={href('notifications')} className="bell" aria-label={t.bell(unread)} title={t.bell(unread)}>
      <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
        <path
          fill="currentColor"
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z"
        />
      </svg>
      {!!unread && (
        <span className="bell-count" aria-hidden="true">
          {unread > 99 ? '99+' : unread}
        </span>
      )}
    </a>
  );
}

/** The app route a notification leads to (its link is /#/…), or null for anything else. */
const routeOf = (link: string) => /^\/#(\/.*)$/.exec(link)?.[1] ?? null;

export function NotificationsPage() {
  const t = useText(TEXT);
  const { refresh } = useUnread();
  const [tab, setTab] = useState<Tab>('all');
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [said, setSaid] = useState<string | null>(null);
  const {
    data,
    problem: loadProblem,
    loading,
    reload,
  } = useLoad(
    () => api.GET('/api/me/notifications', { params: { query: { unread: tab === 'unread', limit: 100 } } }),
    [tab],
  );
  const after = async (error: unknown) => {
    setProblem(error ? problemOf(error) : null);
    await Promise.all([reload(), refresh()]);
  };
  const markRead = async (n: Schemas['Notification']) => {
    if (n.readAt) return true;
    const { error } = await api.POST('/api/me/notifications/{id}/read', { params: { path: { id: n.id } } });
    await after(error);
    return !error;
  };
  const open = async (n: Schemas['Notification'], route: string) => {
    await markRead(n);
    navigate(route);
  };
  const markAll = async () => {
    const { data: marked, error } = await api.POST('/api/me/notifications/read-all');
    setSaid(marked ? t.marked(marked.marked) : null);
    await after(error);
  };
  const unread = data?.unread ?? 0;
  return (
    <Page
      title={t.title}
      actions={
        <div className="row">
          <button type="button" disabled={!unread} onClick={() => void markAll()}>
            {t.markAll}
          </button>
          <a className="button" href={href('notifications', 'settings')}>
            {t.settings}
          </a>
        </div>
      }
    >
      <div className="tabs" role="tablist" aria-label={t.title}>
        {(Object.keys(t.tabs) as Tab[]).map((k) => (
          <button key={k} type="button" role="tab" aria-selected={tab === k} onClick={() => setTab(k)}>
            {t.tabs[k]}
          </button>
        ))}
      </div>
      {data && (
        <p className="muted" role="status">
          {t.unreadCount(unread)}
          {said ? ` · ${said}` : ''}
        </p>
      )}
      <ErrorNote problem={problem ?? loadProblem} />
      {loading && !data ? (
        <Loading />
      ) : !data?.items.length ? (
        <Empty />
      ) : (
        <ul className="notifications" aria-label={t.title}>
          {data.items.map((n) => (
            <NotificationItem key={n.id} n={n} onOpen={open} onRead={markRead} />
          ))}
        </ul>
      )}
    </Page>
  );
}

function NotificationItem({
  n,
  onOpen,
  onRead,
}: {
  n: Schemas['Notification'];
  onOpen: (n: Schemas['Notification'], route: string) => Promise<void>;
  onRead: (n: Schemas['Notification']) => Promise<boolean>;
}) {
  const t = useText(TEXT);
  const formatDate = useFormatDate();
  const route = routeOf(n.link);
  const unread = !n.readAt;
  return (
    <li className={unread ? 'unread' : undefined}>
      <div className="row">
        {unread && <Badge light="blue">{t.isNew}</Badge>}
        <time dateTime={n.createdAt} className="muted">
          {formatDate(n.createdAt, true)}
        </time>
      </div>
      <p className="notification-title">
        {route ? (
          <a
            href={`#${route}`}
            onClick={(e) => {
              e.preventDefault();
              void onOpen(n, route);
            }}
          >
            {n.title}
          </a>
        ) : (
          n.title
        )}
      </p>
      <p>{n.body}</p>
      {unread && (
        <button type="button" className="link" onClick={() => void onRead(n)} aria-label={`${t.markOne}: ${n.title}`}>
          {t.markOne}
        </button>
      )}
    </li>
  );
}
