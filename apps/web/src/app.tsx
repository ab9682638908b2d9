/** The shell: a header with the person, his notifications' bell, the language switch and the pages his role uses; the page of the route. */
import { useEffect, type ReactNode } from 'react';
import { abilities, useAuth } from './auth';
import { useCommon, useLang, useText } from './i18n';
import { AuditPage } from './pages/audit';
import { CalendarPage } from './pages/calendar';
import { DashboardPage } from './pages/dashboard';
import { ApprovalsPage, EscalationsPage } from './pages/oversight';
import { InboxPage } from './pages/inbox';
import { ItaPage } from './pages/ita';
import { LoginPage } from './pages/login';
import { MeasurePage } from './pages/measure';
import { NotificationSettingsPage } from './pages/notification-settings';
import { NotificationBell, NotificationsPage } from './pages/notifications';
import { PlanDraftsPage } from './pages/plan-editor';
import { PlansPage } from './pages/plans';
import { ReportsDuePage } from './pages/reports';
import { TaskPage } from './pages/task';
import { navigate, useRoute } from './router';
import { Loading } from './ui';

const NAV = {
  th: {
    inbox: 'งานของหน่วยงาน',
    reports: 'รายงานที่ต้องส่ง',
    approvals: 'รายงานรอพิจารณา',
    escalations: 'เรื่องที่ส่งต่อ',
    dashboard: 'ภาพรวมมาตรการ',
    audit: 'ประวัติและการตรวจสอบ',
    plans: 'แผนและการนำเข้า',
    ita: 'วิเคราะห์ผล ITA',
    drafts: 'ร่างแผน',
    calendar: 'ปฏิทินของฉัน',
    skip: 'ข้ามไปยังเนื้อหา',
    main: 'เมนูหลัก',
  },
  en: {
    inbox: 'Unit inbox',
    reports: 'Reports due',
    approvals: 'Reports to decide',
    escalations: 'Escalations',
    dashboard: 'Dashboard',
    audit: 'History and audit',
    plans: 'Plans',
    ita: 'ITA analysis',
    drafts: 'Plan drafts',
    calendar: 'My calendar',
    skip: 'Skip to content',
    main: 'Main menu',
  },
};

export function App() {
  const { me, loading, logout } = useAuth();
  const route = useRoute();
  const c = useCommon();
  const n = useText(NAV);
  const { setLang, lang } = useLang();
  const can = abilities(me);

  useEffect(() => {
    if (!loading && !me && route.path !== '/login') navigate('/login');
  }, [loading, me, route.path]);

  if (loading) return <Loading />;
  const nav: Array<[string, string, boolean]> = [
    ['/inbox', n.inbox, can.units.length > 0],
    ['/reports', n.reports, can.units.length > 0],
    ['/approvals', n.approvals, can.oversees && me?.role !== 'auditor'],
    ['/escalations', n.escalations, can.oversees],
    ['/dashboard', n.dashboard, !!me && me.role !== 'unit-staff'],
    ['/audit', n.audit, can.audits],
    ['/plans', n.plans, can.activates],
    ['/ita', n.ita, can.plans || can.oversees],
    ['/plan-drafts', n.drafts, can.plans || can.oversees],
    ['/calendar', n.calendar, !!me],
  ];
  return (
    <>
      <a
        className="skip"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        {n.skip}
      </a>
      <header className="top">
        <span className="brand">{c.appName}</span>
        {me && (
          <nav aria-label={n.main}>
            <ul>
              {nav
                .filter(([, , show]) => show)
                .map(([path, label]) => (
                  <li key={path}>
                    <a href={`#${path}`} aria-current={route.path.startsWith(path) ? 'page' : undefined}>
                      {label}
                    </a>
                  </li>
                ))}
            </ul>
          </nav>
        )}
        <span className="who">
          {me && <NotificationBell />}
          {me && (
            <span>
              {me.displayName} · {c.roles[me.role] ?? me.role}
              {me.unitCode ? ` (${me.unitCode})` : ''}
            </span>
          )}
          <button type="button" onClick={() => setLang(lang === 'th' ? 'en' : 'th')} lang={lang === 'th' ? 'en' : 'th'}>
            {c.language}
          </button>
          {me && (
            <button type="button" onClick={() => void logout()}>
              {c.signOut}
            </button>
          )}
        </span>
      </header>
      <main id="main" tabIndex={-1}>
        {me ? <Routes /> : <LoginPage />}
      </main>
    </>
  );
}

function Routes(): ReactNode {
  const { me } = useAuth();
  const { segments } = useRoute();
  const can = abilities(me);
  const [page, ...rest] = segments;
  switch (page) {
    case 'inbox':
      return <InboxPage />;
    case 'tasks':
      return <TaskPage fiscalYear={Number(rest[0])} measureCode={rest[1]} taskKey={rest[2]} />;
    case 'reports':
      return <ReportsDuePage />;
    case 'approvals':
      return <ApprovalsPage />;
    case 'escalations':
      return <EscalationsPage />;
    case 'dashboard':
      return <DashboardPage />;
    case 'measures':
      return <MeasurePage fiscalYear={Number(rest[0])} measureCode={rest[1]} />;
    case 'audit':
      return <AuditPage />;
    case 'notifications':
      return rest[0] === 'settings' ? <NotificationSettingsPage /> : <NotificationsPage />;
    case 'plans':
      return <PlansPage />;
    case 'ita':
      return <ItaPage fiscalYear={rest[0] ? Number(rest[0]) : undefined} />;
    case 'plan-drafts':
      return (
        <PlanDraftsPage
          fiscalYear={rest[0] ? Number(rest[0]) : undefined}
          draftId={rest[1] ? Number(rest[1]) : undefined}
        />
      );
    case 'calendar':
      return <CalendarPage />;
    case 'login':
      navigate('/');
      return null;
    default: {
      // Home: the page the role starts from.
      const start = can.units.length
        ? '/inbox'
        : can.decidesReports
          ? '/approvals'
          : can.audits
            ? '/audit'
            : can.activates
              ? '/plans'
              : '/dashboard';
      navigate(start);
      return null;
    }
  }
}
