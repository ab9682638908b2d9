/**
 * Closing the fiscal year (the Director, or the Deputy Director holding his delegation), on the
 * Director's desk: once a year in use has ended, one button closes it, after a confirmation
 * saying what it records; the answer shows what became of each measure.
 */
import { useState } from 'react';
import { api, problemOf, type ApiProblem, type Schemas } from '../api/client';
import { abilities, useAuth } from '../auth';
import { useLoad } from '../data';
import { useText } from '../i18n';
import { Badge, ErrorNote, type Light } from '../ui';

const TEXT = {
  th: {
    close: (fy: number) => `ปิดปีงบประมาณ พ.ศ. ${fy}`,
    hint: 'เมื่อสิ้นปีงบประมาณแล้ว ผู้อำนวยการ (หรือรองผู้อำนวยการที่ได้รับมอบอำนาจ) ปิดปีงบประมาณ เพื่อยุติการติดตามทุกมาตรการของปี',
    confirmTitle: 'ยืนยันการปิดปีงบประมาณ',
    confirmText:
      'รายงานที่ยังไม่ได้ส่งจะถูกบันทึกว่า "ไม่ได้ส่งรายงาน" รายงานที่ส่งแล้วแต่ยังไม่ได้พิจารณาจะถูกบันทึกว่า "ไม่ได้รับการพิจารณา" การส่งต่อเรื่องรายงานล่าช้าที่ค้างอยู่จะสิ้นสุด งานที่ยังไม่เสร็จจะถูกบันทึกว่า "ไม่ได้ดำเนินการ" และทุกมาตรการของปีจะสิ้นสุด ทั้งหมดบันทึกในประวัติการตรวจสอบ และย้อนกลับไม่ได้',
    confirm: 'ยืนยัน ปิดปีงบประมาณ',
    cancel: 'ยกเลิก',
    closing: 'กำลังปิดปีงบประมาณ…',
    done: (fy: number) => `ปิดปีงบประมาณ พ.ศ. ${fy} แล้ว`,
    notYet: (fy: number) => `ปิดปีงบประมาณ พ.ศ. ${fy} ได้บางส่วน: ยังมีมาตรการที่ปิดไม่ได้ (ดูด้านล่าง) กดปิดอีกครั้งได้`,
    measure: 'มาตรการ',
    outcome: 'ผล',
    notDelivered: 'รายงานที่ไม่ได้ส่ง',
    notDecided: 'รายงานที่ไม่ได้พิจารณา',
    ended: 'การส่งต่อที่สิ้นสุด',
    tasks: 'งานที่ไม่ได้ดำเนินการ / ไม่ได้พิจารณา',
    outcomes: {
      closed: 'ปิดแล้ว',
      'already-completed': 'สิ้นสุดไปก่อนแล้ว',
      'not-running': 'ไม่ได้ติดตามอยู่',
      refused: 'ปิดไม่ได้',
    } as Record<string, string>,
    totals: (t: Schemas['YearCloseResult']['totals']) =>
      `ปิด ${t.closed} มาตรการ · สิ้นสุดไปก่อนแล้ว ${t.alreadyCompleted} · ไม่ได้ติดตามอยู่ ${t.notRunning} — รายงานที่ไม่ได้ส่ง ${t.reportsNotDelivered} ฉบับ · การส่งต่อที่สิ้นสุด ${t.escalationsEnded} เรื่อง`,
  },
  en: {
    close: (fy: number) => `Close fiscal year ${fy} BE`,
    hint: 'Once the fiscal year has ended, the Director (or the Deputy Director holding his delegation) closes it, ending the tracking of every measure of the year',
    confirmTitle: 'Confirm closing the fiscal year',
    confirmText:
      'Reports never delivered are recorded "not delivered", reports submitted and not yet decided "not decided"; open escalations of late reports end; unfinished tasks are recorded "not done"; and every measure of the year ends. All of it is recorded in the audit trail, and cannot be undone.',
    confirm: 'Confirm: close the fiscal year',
    cancel: 'Cancel',
    closing: 'Closing the fiscal year…',
    done: (fy: number) => `Fiscal year ${fy} BE is closed`,
    notYet: (fy: number) =>
      `Fiscal year ${fy} BE is partly closed: some measures could not be closed (below); closing again finishes it`,
    measure: 'Measure',
    outcome: 'Outcome',
    notDelivered: 'Reports not delivered',
    notDecided: 'Reports not decided',
    ended: 'Escalations ended',
    tasks: 'Tasks not done / not decided',
    outcomes: {
      closed: 'Closed',
      'already-completed': 'Had completed',
      'not-running': 'Not running',
      refused: 'Refused',
    } as Record<string, string>,
    totals: (t: Schemas['YearCloseResult']['totals']) =>
      `${t.closed} closed · ${t.alreadyCompleted} had completed · ${t.notRunning} not running — ${t.reportsNotDelivered} report(s) not delivered · ${t.escalationsEnded} escalation(s) ended`,
  },
};

const OUTCOME_LIGHT: Record<string, Light> = {
  closed: 'green',
  'already-completed': 'grey',
  'not-running': 'grey',
  refused: 'red',
};

/** The close button of each plan year in use, for those who may close it (nothing for anyone else). */
export function YearCloseCards() {
  const { me } = useAuth();
  const organization = me?.organization ?? '';
  const may = abilities(me).decidesReports;
  const { data } = useLoad(
    () => (organization && may ? api.GET('/api/organizations') : Promise.resolve({ data: undefined })),
    [organization, may],
  );
  const years = (data?.[0]?.plans ?? []).filter((p) => p.status === 'active').map((p) => p.fiscalYear);
  if (!may) return null;
  return (
    <>
      {years.map((fy) => (
        <YearCloseCard key={fy} organization={organization} fiscalYear={fy} />
      ))}
    </>
  );
}

/** One year's button, its confirmation and, once closed, what the closing recorded (kept on the page until it is left). */
function YearCloseCard({ organization, fiscalYear }: { organization: string; fiscalYear: number }) {
  const t = useText(TEXT);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [result, setResult] = useState<Schemas['YearCloseResult'] | null>(null);
  const id = `close-${fiscalYear}`;
  const close = async () => {
    setBusy(true);
    setProblem(null);
    const { data, error } = await api.POST('/api/organizations/{organization}/plans/{fiscalYear}/close', {
      params: { path: { organization, fiscalYear } },
    });
    setBusy(false);
    setConfirming(false);
    if (error || !data) return setProblem(problemOf(error));
    setResult(data);
  };
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t.close(fiscalYear)}</h2>
      {result ? (
        <YearCloseReport result={result} />
      ) : (
        <>
          <p className="muted">{t.hint}</p>
          {confirming ? (
            <div role="alertdialog" aria-labelledby={`${id}-c`} aria-describedby={`${id}-d`} className="panel">
              <h3 id={`${id}-c`} style={{ marginTop: 0 }}>
                {t.confirmTitle}
              </h3>
              <p id={`${id}-d`}>{t.confirmText}</p>
              <div className="row">
                <button type="button" className="danger" disabled={busy} onClick={() => void close()}>
                  {busy ? t.closing : t.confirm}
                </button>
                <button type="button" disabled={busy} onClick={() => setConfirming(false)}>
                  {t.cancel}
                </button>
              </div>
            </div>
          ) : (
            <div className="row">
              <button type="button" onClick={() => setConfirming(true)}>
                {t.close(fiscalYear)}
              </button>
            </div>
          )}
          <ErrorNote problem={problem} />
        </>
      )}
    </section>
  );
}

function YearCloseReport({ result: r }: { result: Schemas['YearCloseResult'] }) {
  const t = useText(TEXT);
  return (
    <>
      <p className={r.planStatus === 'closed' ? 'ok' : 'error'} role="status">
        <strong>{r.planStatus === 'closed' ? t.done(r.fiscalYear) : t.notYet(r.fiscalYear)}</strong>
      </p>
      <p>{t.totals(r.totals)}</p>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t.measure}</th>
              <th scope="col">{t.outcome}</th>
              <th scope="col">{t.notDelivered}</th>
              <th scope="col">{t.notDecided}</th>
              <th scope="col">{t.ended}</th>
              <th scope="col">{t.tasks}</th>
            </tr>
          </thead>
          <tbody>
            {r.measures.map((m) => (
              <tr key={m.measureCode}>
                <th scope="row" style={{ fontWeight: 'normal', background: 'none' }}>
                  {m.measureCode}
                </th>
                <td>
                  <Badge light={OUTCOME_LIGHT[m.outcome] ?? 'grey'}>{t.outcomes[m.outcome] ?? m.outcome}</Badge>
                  {m.reason && <div className="muted">{m.reason}</div>}
                </td>
                <td>{m.reportsNotDelivered.join(', ') || '–'}</td>
                <td>{m.reportsNotDecided.join(', ') || '–'}</td>
                <td>{m.escalationsEnded.join(', ') || '–'}</td>
                <td>
                  {m.tasksNotDone} / {m.tasksNotDecided}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
