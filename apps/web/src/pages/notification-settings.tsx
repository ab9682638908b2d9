/**
 * How one is told: the language of notifications and e-mails, the hour of the daily digest and
 * reminders, and which kinds also come by e-mail (every kind always reaches the notification
 * centre), with the address they go to or word that there is none. For the Director and
 * planners, the organization's own settings below: the days before a due date reminders go, and
 * the webhook its systems receive notifications at (its secret shown once, when registered).
 */
import { useEffect, useState, type FormEvent } from 'react';
import { api, problemOf, type ApiProblem, type Schemas } from '../api/client';
import { abilities, useAuth } from '../auth';
import { useLoad } from '../data';
import { useCommon, useFormatDate, useText } from '../i18n';
import { href } from '../router';
import { ErrorNote, Loading, Page } from '../ui';

const TEXT = {
  th: {
    title: 'ตั้งค่าการแจ้งเตือน',
    back: 'กลับไปที่การแจ้งเตือน',
    mine: 'การแจ้งเตือนของฉัน',
    language: 'ภาษา (ของการแจ้งเตือนและอีเมล)',
    languages: { th: 'ภาษาไทย', en: 'English' } as Record<Schemas['NotificationLanguage'], string>,
    digestHour: 'ชั่วโมงส่งสรุปประจำวัน (และการเตือนก่อนครบกำหนด)',
    hour: (h: number) => `${String(h).padStart(2, '0')}:00 น.`,
    byEmail: 'เรื่องที่ต้องการรับทางอีเมลด้วย',
    byEmailHint: 'ทุกเรื่องจะแสดงในการแจ้งเตือนของระบบเสมอ ไม่ว่าจะเลือกรับทางอีเมลหรือไม่',
    email: (address: string) => `อีเมลจะส่งถึง ${address}`,
    noEmail: 'ยังไม่มีที่อยู่อีเมลของท่านในระบบ จึงไม่มีการส่งอีเมล การแจ้งเตือนจะแสดงในระบบเท่านั้น',
    saved: 'บันทึกการตั้งค่าแล้ว',
    organization: 'การแจ้งเตือนของหน่วยงาน',
    reminderDays: 'เตือนก่อนครบกำหนดกี่วัน (คั่นด้วยจุลภาค เช่น 7, 1; 1–60 วัน ไม่เกิน 5 ค่า)',
    saveDays: 'บันทึกวันเตือน',
    daysSaved: (days: number[]) => `บันทึกแล้ว: เตือนก่อนครบกำหนด ${days.join(', ')} วัน`,
    webhook: 'Webhook (ส่งการแจ้งเตือนเข้าระบบของหน่วยงาน)',
    webhookNone: 'ยังไม่ได้ลงทะเบียน webhook',
    webhookAt: (url: string, at: string) => `ลงทะเบียนไว้ที่ ${url}${at ? ` เมื่อ ${at}` : ''}`,
    url: 'ที่อยู่ URL ของ webhook (https:// หรือ http://)',
    register: 'ลงทะเบียน',
    reregister: 'ลงทะเบียนใหม่ (ออกรหัสลับใหม่)',
    secretTitle: 'รหัสลับของ webhook',
    secretHint: 'คัดลอกเก็บไว้ตอนนี้ ระบบจะไม่แสดงรหัสนี้อีก ใช้ตรวจลายมือชื่อ X-ITA-Signature (HMAC-SHA256) ของทุกครั้งที่ส่ง',
    remove: 'ยกเลิกการลงทะเบียน webhook',
    confirmRemove: 'ยืนยัน ยกเลิก webhook',
    cancel: 'ไม่ยกเลิก',
    removed: 'ยกเลิก webhook แล้ว',
  },
  en: {
    title: 'Notification settings',
    back: 'Back to notifications',
    mine: 'My notifications',
    language: 'Language (of notifications and e-mails)',
    languages: { th: 'ภาษาไทย (Thai)', en: 'English' } as Record<Schemas['NotificationLanguage'], string>,
    digestHour: 'Hour of the daily digest (and of reminders)',
    hour: (h: number) => `${String(h).padStart(2, '0')}:00`,
    byEmail: 'Also by e-mail',
    byEmailHint: 'Every kind always reaches the notification centre, whether or not it also comes by e-mail',
    email: (address: string) => `E-mails go to ${address}`,
    noEmail: 'No e-mail address of yours is on file, so nothing is e-mailed: notifications reach the app only',
    saved: 'Settings saved',
    organization: "The organization's notifications",
    reminderDays: 'Days before a due date reminders go (comma-separated, e.g. 7, 1; 1–60, at most 5)',
    saveDays: 'Save reminder days',
    daysSaved: (days: number[]) => `Saved: reminders ${days.join(', ')} days before`,
    webhook: "Webhook (notifications posted to the organization's own systems)",
    webhookNone: 'No webhook registered',
    webhookAt: (url: string, at: string) => `Registered at ${url}${at ? ` on ${at}` : ''}`,
    url: 'Webhook URL (https:// or http://)',
    register: 'Register',
    reregister: 'Register again (new secret)',
    secretTitle: 'Webhook secret',
    secretHint: 'Copy it now: it is not shown again. It verifies the X-ITA-Signature (HMAC-SHA256) of every post.',
    remove: 'Remove the webhook',
    confirmRemove: 'Confirm: remove the webhook',
    cancel: 'Keep it',
    removed: 'Webhook removed',
  },
};

const HOURS = Array.from({ length: 24 }, (_, h) => h);

export function NotificationSettingsPage() {
  const t = useText(TEXT);
  const { me } = useAuth();
  return (
    <Page
      title={t.title}
      actions={
        <a className="button" href={href('notifications')}>
          {t.back}
        </a>
      }
    >
      <MyPreferences />
      {me && abilities(me).setsNotifications && <OrganizationSettings organization={me.organization} />}
    </Page>
  );
}

function MyPreferences() {
  const t = useText(TEXT);
  const c = useCommon();
  const { data, problem: loadProblem } = useLoad(() => api.GET('/api/me/notification-preferences'), []);
  const [form, setForm] = useState<Schemas['NotificationPreferencesBody'] | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (data) setForm({ language: data.language, digestHour: data.digestHour, emailKinds: data.emailKinds });
  }, [data]);
  if (!data || !form) return loadProblem ? <ErrorNote problem={loadProblem} /> : <Loading />;
  const change = (next: Partial<Schemas['NotificationPreferencesBody']>) => {
    setSaved(false);
    setForm({ ...form, ...next });
  };
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    setSaved(false);
    const { data: stored, error } = await api.PUT('/api/me/notification-preferences', { body: form });
    setBusy(false);
    if (error || !stored) return setProblem(problemOf(error));
    setForm({ language: stored.language, digestHour: stored.digestHour, emailKinds: stored.emailKinds });
    setSaved(true);
  };
  return (
    <section className="card" aria-labelledby="prefs-h">
      <h2 id="prefs-h">{t.mine}</h2>
      <form className="form" onSubmit={(e) => void save(e)}>
        <label>
          {t.language}
          <select
            value={form.language}
            onChange={(e) => change({ language: e.target.value as Schemas['NotificationLanguage'] })}
          >
            {(Object.keys(t.languages) as Array<Schemas['NotificationLanguage']>).map((l) => (
              <option key={l} value={l}>
                {t.languages[l]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.digestHour}
          <select value={form.digestHour} onChange={(e) => change({ digestHour: Number(e.target.value) })}>
            {HOURS.map((h) => (
              <option key={h} value={h}>
                {t.hour(h)}
              </option>
            ))}
          </select>
        </label>
        <fieldset>
          <legend>{t.byEmail}</legend>
          <p className="muted">{data.email ? t.email(data.email) : t.noEmail}</p>
          <p className="muted">{t.byEmailHint}</p>
          {data.kinds.map((kind) => (
            <div key={kind}>
              <label className="check">
                <input
                  type="checkbox"
                  checked={form.emailKinds.includes(kind)}
                  onChange={(e) =>
                    change({
                      emailKinds: e.target.checked
                        ? data.kinds.filter((k) => k === kind || form.emailKinds.includes(k))
                        : form.emailKinds.filter((k) => k !== kind),
                    })
                  }
                />
                {c.notificationKind[kind] ?? kind}
              </label>
            </div>
          ))}
        </fieldset>
        <div className="row">
          <button type="submit" className="primary" disabled={busy}>
            {c.save}
          </button>
        </div>
        {saved && (
          <p className="ok" role="status">
            {t.saved}
          </p>
        )}
        <ErrorNote problem={problem} />
      </form>
    </section>
  );
}

function OrganizationSettings({ organization }: { organization: string }) {
  const t = useText(TEXT);
  const formatDate = useFormatDate();
  const path = { params: { path: { organization } } };
  const {
    data,
    problem: loadProblem,
    reload,
  } = useLoad(() => api.GET('/api/organizations/{organization}/notification-settings', path), [organization]);
  const [days, setDays] = useState('');
  const [url, setUrl] = useState('');
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [said, setSaid] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (data) setDays(data.reminderDays.join(', '));
  }, [data]);
  if (!data) return loadProblem ? <ErrorNote problem={loadProblem} /> : <Loading />;

  const act = async (run: () => Promise<{ error?: unknown; ok?: string }>) => {
    setBusy(true);
    setProblem(null);
    setSaid(null);
    const { error, ok } = await run();
    setBusy(false);
    if (error) return setProblem(problemOf(error));
    setSaid(ok ?? null);
    await reload();
  };
  const saveDays = (e: FormEvent) => {
    e.preventDefault();
    const reminderDays = days
      .split(/[\s,]+/)
      .filter(Boolean)
      .map((d) => (/^\d+$/.test(d) ? Number(d) : d)) as number[]; // anything else: the API names it
    void act(async () => {
      setSecret(null);
      const { data: stored, error } = await api.PUT('/api/organizations/{organization}/notification-settings', {
        ...path,
        body: { reminderDays },
      });
      return { error, ok: stored ? t.daysSaved(stored.reminderDays) : undefined };
    });
  };
  const register = (e: FormEvent) => {
    e.preventDefault();
    void act(async () => {
      setSecret(null);
      const { data: registered, error } = await api.PUT('/api/organizations/{organization}/webhook', {
        ...path,
        body: { url },
      });
      if (registered) {
        setSecret(registered.secret);
        setUrl('');
      }
      return { error };
    });
  };
  const remove = () =>
    void act(async () => {
      setSecret(null);
      setConfirming(false);
      const { error } = await api.DELETE('/api/organizations/{organization}/webhook', path);
      return { error, ok: t.removed };
    });

  return (
    <section className="card" aria-labelledby="org-notify-h">
      <h2 id="org-notify-h">{t.organization}</h2>
      <form className="form" onSubmit={saveDays}>
        <label>
          {t.reminderDays}
          <input value={days} onChange={(e) => setDays(e.target.value)} inputMode="numeric" />
        </label>
        <div className="row">
          <button type="submit" disabled={busy}>
            {t.saveDays}
          </button>
        </div>
      </form>
      <h3>{t.webhook}</h3>
      <p>
        {data.webhook
          ? t.webhookAt(data.webhook.url, data.webhook.registeredAt ? formatDate(data.webhook.registeredAt, true) : '')
          : t.webhookNone}
      </p>
      {secret && (
        <div className="panel" role="status" aria-labelledby="secret-h">
          <h4 id="secret-h" style={{ marginTop: 0 }}>
            {t.secretTitle}
          </h4>
          <p>
            <code className="secret">{secret}</code>
          </p>
          <p className="muted">{t.secretHint}</p>
        </div>
      )}
      <form className="form" onSubmit={register}>
        <label>
          {t.url}
          <input type="url" value={url} onChange={(e) => setUrl(e.target.value)} maxLength={500} required />
        </label>
        <div className="row">
          <button type="submit" disabled={busy}>
            {data.webhook ? t.reregister : t.register}
          </button>
          {data.webhook &&
            (confirming ? (
              <>
                <button type="button" className="danger" disabled={busy} onClick={remove}>
                  {t.confirmRemove}
                </button>
                <button type="button" disabled={busy} onClick={() => setConfirming(false)}>
                  {t.cancel}
                </button>
              </>
            ) : (
              <button type="button" className="danger" disabled={busy} onClick={() => setConfirming(true)}>
                {t.remove}
              </button>
            ))}
        </div>
      </form>
      {said && (
        <p className="ok" role="status">
          {said}
        </p>
      )}
      <ErrorNote problem={problem} />
    </section>
  );
}
