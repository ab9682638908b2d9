/**
 * My calendar (ปฏิทินของฉัน), for everyone signed in: a private iCalendar URL with the due dates
 * of his tasks and reports, for Google Calendar or Outlook to subscribe to. The URL is shown once,
 * when it is made (the API keeps only its hash); making a new one or revoking it stops the old one.
 */
import { useState } from 'react';
import { api, problemOf, type ApiProblem, type Schemas } from '../api/client';
import { useLoad } from '../data';
import { useFormatDate, useText } from '../i18n';
import { ErrorNote, Loading, Page } from '../ui';

const TEXT = {
  th: {
    title: 'ปฏิทินของฉัน',
    intro:
      'ลิงก์ปฏิทินส่วนตัวแสดงวันครบกำหนดของงานและรายงานที่คุณต้องดำเนินการ เป็นกิจกรรมทั้งวันในวันสุดท้ายที่ต้องทำ (เวลาประเทศไทย) ใช้ติดตามใน Google Calendar หรือ Outlook ได้ ปฏิทินจะปรับตามงานที่เปลี่ยนไปเอง',
    secret: 'ผู้ที่มีลิงก์นี้เห็นรายการงานของคุณได้โดยไม่ต้องเข้าสู่ระบบ อย่าส่งต่อลิงก์ให้ผู้อื่น หากลิงก์รั่วไหล ให้สร้างลิงก์ใหม่หรือยกเลิกลิงก์',
    active: (at: string) => `คุณมีลิงก์ปฏิทินอยู่แล้ว สร้างเมื่อ ${at}`,
    none: 'คุณยังไม่มีลิงก์ปฏิทิน',
    revokedAt: (at: string) => `ลิงก์ล่าสุดถูกยกเลิกเมื่อ ${at}`,
    create: 'สร้างลิงก์ปฏิทิน',
    replace: 'สร้างลิงก์ใหม่ (ลิงก์เดิมจะใช้ไม่ได้)',
    revoke: 'ยกเลิกลิงก์ปฏิทิน',
    confirmRevoke: 'ยืนยันการยกเลิก: ปฏิทินที่ติดตามลิงก์นี้อยู่จะไม่ได้รับข้อมูลอีก',
    cancel: 'ยกเลิก',
    revoked: 'ยกเลิกลิงก์ปฏิทินแล้ว',
    urlTitle: 'ลิงก์ปฏิทินของคุณ',
    once: 'ลิงก์นี้แสดงเพียงครั้งเดียว คัดลอกเก็บไว้ตอนนี้ หากทำหาย ให้สร้างลิงก์ใหม่',
    url: 'ลิงก์ปฏิทิน (iCal)',
    copy: 'คัดลอกลิงก์',
    copied: 'คัดลอกแล้ว',
    google: 'Google Calendar',
    googleSteps: [
      'เปิด calendar.google.com บนคอมพิวเตอร์',
      'ที่ "ปฏิทินอื่นๆ" กด + แล้วเลือก "จาก URL"',
      'วางลิงก์ปฏิทิน แล้วกด "เพิ่มปฏิทิน"',
    ],
    outlook: 'Outlook',
    outlookSteps: [
      'เปิด Outlook บนเว็บ (outlook.office.com) แล้วไปที่ปฏิทิน',
      'กด "เพิ่มปฏิทิน" แล้วเลือก "สมัครใช้งานจากเว็บ" (Subscribe from web)',
      'วางลิงก์ปฏิทิน ตั้งชื่อ แล้วกด "นำเข้า"',
    ],
    refresh: 'Google Calendar และ Outlook ดึงข้อมูลใหม่เองทุกสองสามชั่วโมง การเปลี่ยนแปลงจึงอาจปรากฏช้ากว่าในระบบ',
  },
  en: {
    title: 'My calendar',
    intro:
      'A private calendar link with the due dates of the tasks and reports that are yours to act on, each an all-day event on the last day there is to do it (Bangkok time). Subscribe to it from Google Calendar or Outlook; it follows your work as it changes.',
    secret:
      'Anyone with this link sees your task list without signing in: do not pass it on. If it leaks, make a new link or revoke it.',
    active: (at: string) => `You have a calendar link, made ${at}`,
    none: 'You have no calendar link yet',
    revokedAt: (at: string) => `Your last link was revoked ${at}`,
    create: 'Make my calendar link',
    replace: 'Make a new link (the old one stops working)',
    revoke: 'Revoke my calendar link',
    confirmRevoke: 'Confirm: calendars subscribed to this link will get nothing more',
    cancel: 'Cancel',
    revoked: 'Your calendar link is revoked',
    urlTitle: 'Your calendar link',
    once: 'This link is shown this once: copy it now. If you lose it, make a new one.',
    url: 'Calendar link (iCal)',
    copy: 'Copy the link',
    copied: 'Copied',
    google: 'Google Calendar',
    googleSteps: [
      'Open calendar.google.com on a computer',
      'Next to "Other calendars", press + and choose "From URL"',
      'Paste the calendar link and press "Add calendar"',
    ],
    outlook: 'Outlook',
    outlookSteps: [
      'Open Outlook on the web (outlook.office.com) and go to the calendar',
      'Press "Add calendar" and choose "Subscribe from web"',
      'Paste the calendar link, give it a name and press "Import"',
    ],
    refresh:
      'Google Calendar and Outlook fetch it again on their own every few hours, so changes may show there later than here.',
  },
};

export function CalendarPage() {
  const t = useText(TEXT);
  const formatDate = useFormatDate();
  const { data: status, problem: loadProblem, loading, reload } = useLoad(() => api.GET('/api/me/calendar'), []);
  const [issued, setIssued] = useState<Schemas['CalendarFeedIssued'] | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [revoked, setRevoked] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);

  const issue = async () => {
    setBusy(true);
    setProblem(null);
    setRevoked(false);
    const { data, error } = await api.POST('/api/me/calendar', {});
    setBusy(false);
    if (error || !data) return setProblem(problemOf(error));
    setIssued(data);
    await reload();
  };
  const revoke = async () => {
    setBusy(true);
    setProblem(null);
    const { error } = await api.POST('/api/me/calendar/revoke', {});
    setBusy(false);
    setConfirming(false);
    if (error) return setProblem(problemOf(error));
    setIssued(null);
    setRevoked(true);
    await reload();
  };

  if (loading && !status) return <Loading />;
  return (
    <Page title={t.title}>
      <p>{t.intro}</p>
      <ErrorNote problem={loadProblem ?? problem} />
      <section className="card" aria-labelledby="calendar-status">
        <h2 id="calendar-status">
          {status?.active && status.createdAt ? t.active(formatDate(status.createdAt, true)) : t.none}
        </h2>
        {!status?.active && status?.revokedAt && (
          <p className="muted">{t.revokedAt(formatDate(status.revokedAt, true))}</p>
        )}
        {revoked && (
          <p className="ok" role="status">
            {t.revoked}
          </p>
        )}
        <p className="muted">{t.secret}</p>
        <div className="row">
          <button type="button" className="primary" disabled={busy} onClick={() => void issue()}>
            {status?.active ? t.replace : t.create}
          </button>
          {status?.active && !confirming && (
            <button type="button" disabled={busy} onClick={() => setConfirming(true)}>
              {t.revoke}
            </button>
          )}
        </div>
        {confirming && (
          <div role="alertdialog" aria-labelledby="calendar-revoke" className="panel">
            <p id="calendar-revoke">{t.confirmRevoke}</p>
            <div className="row">
              <button type="button" className="danger" disabled={busy} onClick={() => void revoke()}>
                {t.revoke}
              </button>
              <button type="button" disabled={busy} onClick={() => setConfirming(false)}>
                {t.cancel}
              </button>
            </div>
          </div>
        )}
      </section>
      {issued && <IssuedUrl url={issued.url} />}
    </Page>
  );
}

/** The new URL, this once, with a copy button and how to subscribe to it. */
function IssuedUrl({ url }: { url: string }) {
  const t = useText(TEXT);
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      // No clipboard (an insecure page, or refused): the field is selected for a manual copy.
      (document.getElementById('calendar-url') as HTMLInputElement | null)?.select();
    }
  };
  return (
    <section className="card" aria-labelledby="calendar-url-title">
      <h2 id="calendar-url-title">{t.urlTitle}</h2>
      <p className="ok" role="status">
        {t.once}
      </p>
      <label htmlFor="calendar-url">{t.url}</label>
      <div className="row">
        <input
          id="calendar-url"
          type="text"
          readOnly
          value={url}
          onFocus={(e) => e.currentTarget.select()}
          style={{ flex: 1, minWidth: 0, fontFamily: 'monospace' }}
        />
        <button type="button" onClick={() => void copy()}>
          {copied ? t.copied : t.copy}
        </button>
      </div>
      <h3>{t.google}</h3>
      <ol>
        {t.googleSteps.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ol>
      <h3>{t.outlook}</h3>
      <ol>
        {t.outlookSteps.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ol>
      <p className="muted">{t.refresh}</p>
    </section>
  );
}
