/** Reports a unit must send: each with its pre-filled draft from the period's tasks; send it as is or with a summary. */
import { useState } from 'react';
import { api, problemOf, type ApiProblem, type Schemas } from '../api/client';
import { useAuth } from '../auth';
import { useLoad } from '../data';
import { useCommon, useFormatDue, useText } from '../i18n';
import { Empty, ErrorNote, Loading, Page, ReportStatus } from '../ui';

const TEXT = {
  th: {
    title: 'รายงานที่ต้องส่ง',
    tabs: { due: 'ต้องส่ง', sent: 'ส่งแล้ว' },
    draft: 'ร่างรายงาน (จากผลการดำเนินงานที่อนุมัติแล้ว)',
    summary: 'สรุปผลการดำเนินงาน (เว้นว่างเพื่อส่งตามร่าง)',
    send: 'ส่งรายงาน',
    sent: 'ส่งรายงานแล้ว',
    comments: 'ความเห็นของผู้พิจารณา',
    quarter: 'ไตรมาส',
    step: 'ขั้นตอน',
    unit: 'หน่วยงาน',
    result: 'ผล',
    evidence: 'หลักฐาน',
    due: 'กำหนดส่ง',
  },
  en: {
    title: 'Reports due',
    tabs: { due: 'To send', sent: 'Sent' },
    draft: "Draft (from the period's approved tasks)",
    summary: 'Summary (leave empty to send the draft)',
    send: 'Send the report',
    sent: 'Report sent',
    comments: "Reviewer's comments",
    quarter: 'Quarter',
    step: 'Step',
    unit: 'Unit',
    result: 'Result',
    evidence: 'Evidence',
    due: 'Due',
  },
};

export function ReportsDuePage() {
  const t = useText(TEXT);
  const { me } = useAuth();
  const organization = me?.organization ?? '';
  const [tab, setTab] = useState<'due' | 'sent'>('due');
  const { data, problem, loading, reload } = useLoad(
    () =>
      api.GET('/api/organizations/{organization}/reports', {
        params: {
          path: { organization },
          query: { status: tab === 'due' ? 'open,returned' : 'submitted,approved', pageSize: 100 },
        },
      }),
    [organization, tab],
  );
  const reports = data?.items ?? [];
  return (
    <Page title={t.title}>
      <div className="tabs" role="tablist" aria-label={t.title}>
        {(['due', 'sent'] as const).map((k) => (
          <button key={k} type="button" role="tab" aria-selected={tab === k} onClick={() => setTab(k)}>
            {t.tabs[k]}
          </button>
        ))}
      </div>
      <ErrorNote problem={problem} />
      {loading ? (
        <Loading />
      ) : reports.length === 0 ? (
        <Empty />
      ) : (
        reports.map((r) => <ReportCard key={`${r.measureCode}/${r.reportKey}`} report={r} onSent={reload} />)
      )}
    </Page>
  );
}

function ReportCard({ report: r, onSent }: { report: Schemas['Report']; onSent(): Promise<void> }) {
  const t = useText(TEXT);
  const c = useCommon();
  const due = useFormatDue();
  const { me } = useAuth();
  const [summary, setSummary] = useState('');
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const send = async () => {
    setBusy(true);
    const { error } = await api.POST(
      '/api/organizations/{organization}/plans/{fiscalYear}/measures/{code}/reports/{reportKey}/submit',
      {
        params: {
          path: {
            organization: me?.organization ?? '',
            fiscalYear: r.fiscalYear,
            code: r.measureCode,
            reportKey: r.reportKey,
          },
        },
        body: summary.trim() ? { summary } : {},
      },
    );
    setBusy(false);
    setProblem(error ? problemOf(error) : null);
    if (!error) await onSent();
  };
  const maysend = r.status === 'open' || r.status === 'returned';
  return (
    <article className="card" aria-label={`${r.measureCode} ${r.periodLabel}`}>
      <h2>
        {r.measureCode} · {r.periodLabel}
      </h2>
      <p>
        <ReportStatus status={r.status} overdue={r.overdue} /> {c.cadence[r.cadence] ?? r.cadence} · {t.due}{' '}
        {due(r.dueAt)} · {r.units.join(', ')}
      </p>
      {r.comments && (
        <p className={r.status === 'returned' ? 'error' : 'muted'}>
          {t.comments}: {r.comments}
        </p>
      )}
      {r.summary && !maysend && <p style={{ whiteSpace: 'pre-wrap' }}>{r.summary}</p>}
      <details open={maysend}>
        <summary>{t.draft}</summary>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t.quarter}</th>
                <th scope="col">{t.step}</th>
                <th scope="col">{t.unit}</th>
                <th scope="col">{t.result}</th>
                <th scope="col">{t.evidence}</th>
              </tr>
            </thead>
            <tbody>
              {r.draft.map((l, i) => (
                <tr key={i}>
                  <td>{l.quarter}</td>
                  <td>{l.stepNumber}</td>
                  <td>{l.unitCode}</td>
                  <td>
                    {l.progress ? c.progress[l.progress] : (c.taskStatus[l.status] ?? l.status)}
                    {l.note ? ` — ${l.note}` : ''}
                  </td>
                  <td>{l.evidenceCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
      {maysend && (
        <div className="form">
          <label>
            {t.summary}
            <textarea value={summary} onChange={(e) => setSummary(e.target.value)} maxLength={20000} />
          </label>
          <ErrorNote problem={problem} />
          <button type="button" className="primary" disabled={busy} onClick={() => void send()}>
            {t.send}
          </button>
        </div>
      )}
    </article>
  );
}
