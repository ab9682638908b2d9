/**
 * One task: the step and its monitoring guidelines as an evidence checklist; the unit submits a
 * note, its progress and the evidence; the unit's head (or acting head) approves or returns it.
 */
import { useState, type FormEvent } from 'react';
import { api, problemOf, type ApiProblem } from '../api/client';
import { abilities, useAuth } from '../auth';
import { useLoad } from '../data';
import { EvidenceEditor, EvidenceLink, type EvidenceItem } from '../evidence';
import { useCommon, useFormatDate, useFormatDue, useText } from '../i18n';
import { href } from '../router';
import { ErrorNote, Loading, Page, TaskStatus } from '../ui';

const TEXT = {
  th: {
    guidelines: 'แนวทางการติดตาม (หลักฐานที่ต้องแสดง)',
    covered: 'มีหลักฐานแล้ว',
    missing: 'ยังไม่มีหลักฐาน',
    note: 'บันทึกผลการดำเนินงาน',
    progress: 'ผลการดำเนินงาน',
    submit: 'ส่งให้หัวหน้าพิจารณา',
    approve: 'อนุมัติ',
    return: 'ส่งกลับแก้ไข',
    reason: 'เหตุผลที่ส่งกลับ',
    submitted: 'ผลที่ส่ง',
    by: 'โดย',
    at: 'เมื่อ',
    returnedBecause: 'ถูกส่งกลับเพราะ',
    evidence: 'หลักฐาน',
    sent: 'ส่งเรียบร้อยแล้ว',
    decided: 'บันทึกการพิจารณาแล้ว',
    timeline: 'ดูความเคลื่อนไหวของมาตรการ',
    due: 'กำหนดเสร็จ',
  },
  en: {
    guidelines: 'Monitoring guidelines (the evidence to show)',
    covered: 'evidence given',
    missing: 'no evidence yet',
    note: 'What was done',
    progress: 'Progress',
    submit: 'Send to the unit head',
    approve: 'Approve',
    return: 'Return for changes',
    reason: 'Why it is returned',
    submitted: 'Submitted',
    by: 'by',
    at: 'on',
    returnedBecause: 'Returned because',
    evidence: 'Evidence',
    sent: 'Sent',
    decided: 'Decision recorded',
    timeline: "See the measure's timeline",
    due: 'Due',
  },
};

export function TaskPage({
  fiscalYear,
  measureCode,
  taskKey,
}: {
  fiscalYear: number;
  measureCode: string;
  taskKey: string;
}) {
  const t = useText(TEXT);
  const c = useCommon();
  const date = useFormatDate();
  const due = useFormatDue();
  const { me } = useAuth();
  const organization = me?.organization ?? '';
  const path = { organization, fiscalYear, code: measureCode };
  const measure = useLoad(
    () => api.GET('/api/organizations/{organization}/plans/{fiscalYear}/measures/{code}', { params: { path } }),
    [organization, fiscalYear, measureCode],
  );
  const tasks = useLoad(
    () => api.GET('/api/organizations/{organization}/plans/{fiscalYear}/measures/{code}/tasks', { params: { path } }),
    [organization, fiscalYear, measureCode],
  );
  const [note, setNote] = useState('');
  const [progress, setProgress] = useState('done');
  const [evidence, setEvidence] = useState<EvidenceItem[]>([]);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const task = tasks.data?.find((x) => x.taskKey === taskKey);
  const m = measure.data;
  if (measure.loading || tasks.loading) return <Loading />;
  if (!task || !m)
    return (
      <Page title={taskKey}>
        <ErrorNote problem={measure.problem ?? tasks.problem ?? { message: taskKey }} />
      </Page>
    );
  const step = m.steps.find((s) => s.number === task.stepNumber);
  const guidelines = m.monitoringGuidelines.filter((g) => !g.steps || g.steps.includes(task.stepNumber));
  const can = abilities(me);
  const mayWork = can.units.includes(task.unitCode) && (task.status === 'open' || task.status === 'returned');
  const mayDecide =
    can.headsUnits.includes(task.unitCode) && task.status === 'submitted' && task.submittedBy !== me?.username;
  const taskPath = { ...path, taskKey };
  const shown = (task.submission?.evidence ?? []) as EvidenceItem[];
  const checklistEvidence = mayWork ? evidence : shown;

  const act = async (call: () => Promise<{ error?: unknown }>, message: string) => {
    setBusy(true);
    const { error } = await call();
    setBusy(false);
    setProblem(error ? problemOf(error) : null);
    if (!error) {
      setDone(message);
      await tasks.reload();
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void act(
      () =>
        api.POST('/api/organizations/{organization}/plans/{fiscalYear}/measures/{code}/tasks/{taskKey}/submit', {
          params: { path: taskPath },
          body: { note, progress: progress as 'done', evidence },
        }),
      t.sent,
    );
  };
  return (
    <Page
      title={`${m.code} · ${c.step(task.stepNumber)} · ${c.quarter(task.quarter)}`}
      actions={<a href={href('measures', fiscalYear, measureCode)}>{t.timeline}</a>}
    >
      <p className="muted">{m.title}</p>
      <div className="panel">
        <p>{step?.text}</p>
        <p>
          <TaskStatus status={task.status} overdue={task.overdue} /> {task.unitCode} · {t.due} {due(task.dueAt)}
        </p>
        {task.status === 'returned' && task.returnReason && (
          <p className="error">
            {t.returnedBecause}: {task.returnReason}
          </p>
        )}
      </div>
      <h2>{t.guidelines}</h2>
      <ul className="checklist">
        {guidelines.map((g) => {
          const covered = checklistEvidence.some((e) => e.guidelines.includes(g.number));
          return (
            <li key={g.number}>
              <span aria-hidden="true">{covered ? '☑' : '☐'}</span> {g.number}. {g.text}{' '}
              <span className="muted">({covered ? t.covered : t.missing})</span>
            </li>
          );
        })}
      </ul>
      {task.submission && (
        <section className="card" aria-labelledby="submitted">
          <h2 id="submitted">{t.submitted}</h2>
          <p>
            <strong>{c.progress[task.submission.progress] ?? task.submission.progress}</strong> · {t.by}{' '}
            {task.submittedBy} · {t.at} {date(task.submittedAt, true)}
          </p>
          <p style={{ whiteSpace: 'pre-wrap' }}>{task.submission.note}</p>
          {shown.length > 0 && (
            <>
              <h3>{t.evidence}</h3>
              <ul>
                {shown.map((e, i) => (
                  <li key={i}>
                    <EvidenceLink item={e} /> <span className="muted">({e.guidelines.join(', ')})</span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
      {done && (
        <p className="ok" role="status">
          {done}
        </p>
      )}
      <ErrorNote problem={problem} />
      {mayWork && (
        <form className="form" onSubmit={submit}>
          <label>
            {t.note}
            <textarea value={note} onChange={(e) => setNote(e.target.value)} required maxLength={4000} />
          </label>
          <label>
            {t.progress}
            <select value={progress} onChange={(e) => setProgress(e.target.value)}>
              {(['done', 'partly-done', 'not-done'] as const).map((p) => (
                <option key={p} value={p}>
                  {c.progress[p]}
                </option>
              ))}
            </select>
          </label>
          <EvidenceEditor
            organization={organization}
            unit={task.unitCode !== me?.unitCode ? task.unitCode : undefined}
            guidelines={guidelines}
            value={evidence}
            onChange={setEvidence}
            onProblem={setProblem}
          />
          <button type="submit" className="primary" disabled={busy}>
            {t.submit}
          </button>
        </form>
      )}
      {mayDecide && (
        <div className="form">
          <button
            type="button"
            className="primary"
            disabled={busy}
            onClick={() =>
              void act(
                () =>
                  api.POST(
                    '/api/organizations/{organization}/plans/{fiscalYear}/measures/{code}/tasks/{taskKey}/approve',
                    { params: { path: taskPath } },
                  ),
                t.decided,
              )
            }
          >
            {t.approve}
          </button>
          <label>
            {t.reason}
            <textarea value={reason} onChange={(e) => setReason(e.target.value)} maxLength={4000} />
          </label>
          <button
            type="button"
            className="danger"
            disabled={busy || !reason.trim()}
            onClick={() =>
              void act(
                () =>
                  api.POST(
                    '/api/organizations/{organization}/plans/{fiscalYear}/measures/{code}/tasks/{taskKey}/return',
                    { params: { path: taskPath }, body: { reason } },
                  ),
                t.decided,
              )
            }
          >
            {t.return}
          </button>
        </div>
      )}
    </Page>
  );
}
