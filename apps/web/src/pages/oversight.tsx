/**
 * The Director's desk (and his Deputy's, while holding the oversight delegation): reports awaiting
 * decision, approved or returned with comments; and the queue of late reports escalated to him.
 */
import { useState } from 'react';
import { api, problemOf, type ApiProblem, type Schemas } from '../api/client';
import { abilities, useAuth } from '../auth';
import { useLoad, usePlanYear } from '../data';
import { useCommon, useFormatDate, useFormatDue, useText } from '../i18n';
import { href } from '../router';
import { Badge, Empty, ErrorNote, Loading, Page, ReportStatus } from '../ui';
import { YearCloseCards } from './year-close';

/** No call to make yet (no organization or plan year): nothing to show. */
const NOTHING = Promise.resolve<{ data?: never }>({});

const TEXT = {
  th: {
    title: 'รายงานรอพิจารณา',
    tabs: { submitted: 'รอพิจารณา', returned: 'ส่งกลับแล้ว', approved: 'อนุมัติแล้ว' },
    submittedBy: 'ส่งโดย',
    at: 'เมื่อ',
    units: 'หน่วยงาน',
    due: 'กำหนดส่ง',
    summary: 'สรุปผลการดำเนินงาน',
    draft: 'รายละเอียดตามขั้นตอน',
    quarter: 'ไตรมาส',
    step: 'ขั้นตอน',
    unit: 'หน่วยงาน',
    result: 'ผล',
    evidence: 'หลักฐาน (รายการ)',
    comments: 'ความเห็น',
    commentsHint: 'ไม่บังคับเมื่ออนุมัติ ต้องระบุเมื่อส่งกลับแก้ไข',
    approve: 'อนุมัติรายงาน',
    return: 'ส่งกลับแก้ไข',
    approved: (what: string) => `อนุมัติรายงาน ${what} แล้ว`,
    returned: (what: string) => `ส่งรายงาน ${what} กลับให้แก้ไขแล้ว`,
    decidedBy: 'พิจารณาโดย',
    reviewerComments: 'ความเห็นของผู้พิจารณา',
    measure: 'ดูมาตรการ',
    viewOnly: 'คุณดูรายงานได้ แต่ยังไม่มีอำนาจพิจารณา (ต้องเป็นผู้อำนวยการ หรือรองผู้อำนวยการที่ได้รับมอบอำนาจ)',
    shown: (n: number, total: number) => `แสดง ${n} จาก ${total} รายการ`,
    returnCount: (n: number) => `เคยส่งกลับ ${n} ครั้ง`,
  },
  en: {
    title: 'Reports to decide',
    tabs: { submitted: 'Awaiting decision', returned: 'Returned', approved: 'Approved' },
    submittedBy: 'Submitted by',
    at: 'on',
    units: 'Units',
    due: 'Due',
    summary: 'Summary',
    draft: 'Details by step',
    quarter: 'Quarter',
    step: 'Step',
    unit: 'Unit',
    result: 'Result',
    evidence: 'Evidence (items)',
    comments: 'Comments',
    commentsHint: 'Optional to approve; required to return',
    approve: 'Approve the report',
    return: 'Return for changes',
    approved: (what: string) => `Report ${what} approved`,
    returned: (what: string) => `Report ${what} returned for changes`,
    decidedBy: 'Decided by',
    reviewerComments: "Reviewer's comments",
    measure: 'See the measure',
    viewOnly:
      'You can read the reports but may not decide them (the Director, or the Deputy Director holding his delegation, decides).',
    shown: (n: number, total: number) => `Showing ${n} of ${total}`,
    returnCount: (n: number) => `returned ${n} time(s) before`,
  },
};

type Report = Schemas['Report'];
type ReportTab = keyof typeof TEXT.th.tabs;

/** Titles of the plan year's measures, by code (reports and escalations carry codes only). */
function useMeasureTitles(): (fiscalYear: number, code: string) => string | undefined {
  const { organization, fiscalYear } = usePlanYear();
  const { data } = useLoad(
    () =>
      organization && fiscalYear
        ? api.GET('/api/organizations/{organization}/plans/{fiscalYear}/measures', {
            params: { path: { organization, fiscalYear } },
          })
        : NOTHING,
    [organization, fiscalYear],
  );
  return (fy, code) => (fy === fiscalYear ? data?.find((m) => m.code === code)?.title : undefined);
}

export function ApprovalsPage() {
  const t = useText(TEXT);
  const { me } = useAuth();
  const organization = me?.organization ?? '';
  const decides = abilities(me).decidesReports;
  const titleOf = useMeasureTitles();
  const [tab, setTab] = useState<ReportTab>('submitted');
  const [done, setDone] = useState<string | null>(null);
  const { data, problem, loading, reload } = useLoad(
    () =>
      organization
        ? api.GET('/api/organizations/{organization}/reports', {
            params: { path: { organization }, query: { status: tab, pageSize: 200 } },
          })
        : NOTHING,
    [organization, tab],
  );
  // Newest due first.
  const reports = [...(data?.items ?? [])].sort((a, b) => b.dueAt.localeCompare(a.dueAt));
  const decided = async (message: string) => {
    setDone(message);
    await reload();
  };
  return (
    <Page title={t.title}>
      <div className="tabs" role="tablist" aria-label={t.title}>
        {(Object.keys(t.tabs) as ReportTab[]).map((k) => (
          <button
            key={k}
            type="button"
            role="tab"
            aria-selected={tab === k}
            onClick={() => {
              setTab(k);
              setDone(null);
            }}
          >
            {t.tabs[k]}
          </button>
        ))}
      </div>
      <YearCloseCards />
      {!decides && tab === 'submitted' && <p className="muted">{t.viewOnly}</p>}
      <div role="status">{done && <p className="ok">{done}</p>}</div>
      <ErrorNote problem={problem} />
      {loading ? (
        <Loading />
      ) : reports.length === 0 ? (
        <Empty />
      ) : (
        <>
          {!!data?.total && data.total > reports.length && (
            <p className="muted">{t.shown(reports.length, data.total)}</p>
          )}
          {reports.map((r) => (
            <ApprovalCard
              key={`${r.fiscalYear}/${r.measureCode}/${r.reportKey}`}
              report={r}
              title={titleOf(r.fiscalYear, r.measureCode)}
              mayDecide={decides && r.status === 'submitted'}
              onDecided={decided}
            />
          ))}
        </>
      )}
    </Page>
  );
}

function ApprovalCard({
  report: r,
  title,
  mayDecide,
  onDecided,
}: {
  report: Report;
  title?: string;
  mayDecide: boolean;
  onDecided(message: string): Promise<void>;
}) {
  const t = useText(TEXT);
  const c = useCommon();
  const date = useFormatDate();
  const due = useFormatDue();
  const { me } = useAuth();
  const [comments, setComments] = useState('');
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const id = `report-${r.fiscalYear}-${r.measureCode}-${r.reportKey}`.replace(/[^A-Za-z0-9_-]/g, '_');
  const what = `${r.measureCode} · ${r.periodLabel}`;
  const path = {
    organization: me?.organization ?? '',
    fiscalYear: r.fiscalYear,
    code: r.measureCode,
    reportKey: r.reportKey,
  };
  const decide = async (decision: 'approve' | 'return') => {
    setBusy(true);
    const { error } =
      decision === 'approve'
        ? await api.POST(
            '/api/organizations/{organization}/plans/{fiscalYear}/measures/{code}/reports/{reportKey}/approve',
            {
              params: { path },
              body: comments.trim() ? { comments: comments.trim() } : {},
            },
          )
        : await api.POST(
            '/api/organizations/{organization}/plans/{fiscalYear}/measures/{code}/reports/{reportKey}/return',
            {
              params: { path },
              body: { comments: comments.trim() },
            },
          );
    setBusy(false);
    setProblem(error ? problemOf(error) : null);
    if (!error) await onDecided(decision === 'approve' ? t.approved(what) : t.returned(what));
  };
  return (
    <article className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{what}</h2>
      {title && (
        <p className="muted" style={{ marginTop: 0 }}>
          {title}
        </p>
      )}
      <p>
        <ReportStatus status={r.status} overdue={r.overdue} /> {c.cadence[r.cadence] ?? r.cadence} · {t.due}{' '}
        {due(r.dueAt)} · {t.units} {r.units.join(', ')}
        {r.returnCount > 0 && <> · {t.returnCount(r.returnCount)}</>}
      </p>
      {r.submittedBy && (
        <p>
          {t.submittedBy} <strong>{r.submittedBy}</strong> {t.at} {date(r.submittedAt, true)}
        </p>
      )}
      {r.decidedBy && r.status !== 'submitted' && (
        <p>
          {t.decidedBy} <strong>{r.decidedBy}</strong> {t.at} {date(r.decidedAt, true)}
        </p>
      )}
      {r.comments && (r.status !== 'submitted' || r.returnCount > 0) && (
        <p className={r.status === 'returned' ? 'error' : 'muted'}>
          {t.reviewerComments}: {r.comments}
        </p>
      )}
      {r.summary && (
        <section aria-labelledby={`${id}-s`}>
          <h3 id={`${id}-s`}>{t.summary}</h3>
          <div className="panel" style={{ whiteSpace: 'pre-wrap' }}>
            {r.summary}
          </div>
        </section>
      )}
      <details open={mayDecide}>
        <summary>
          {t.draft} ({r.draft.length})
        </summary>
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
                  <td>{c.quarter(l.quarter)}</td>
                  <td>{l.stepNumber}</td>
                  <td>{l.unitCode}</td>
                  <td>
                    {l.progress ? (c.progress[l.progress] ?? l.progress) : (c.taskStatus[l.status] ?? l.status)}
                    {l.note ? <span style={{ whiteSpace: 'pre-wrap' }}> — {l.note}</span> : null}
                  </td>
                  <td>{l.evidenceCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
      <p>
        <a href={href('measures', r.fiscalYear, r.measureCode)}>
          {t.measure} {r.measureCode}
        </a>
      </p>
      {mayDecide && (
        <div className="form">
          <label htmlFor={`${id}-c`}>{t.comments}</label>
          <textarea
            id={`${id}-c`}
            value={comments}
            onChange={(e) => setComments(e.target.value)}
            maxLength={4000}
            aria-describedby={`${id}-hint`}
          />
          <p id={`${id}-hint`} className="muted" style={{ margin: 0 }}>
            {t.commentsHint}
          </p>
          <ErrorNote problem={problem} />
          <div className="row">
            <button type="button" className="primary" disabled={busy} onClick={() => void decide('approve')}>
              {t.approve}
            </button>
            <button
              type="button"
              className="danger"
              disabled={busy || !comments.trim()}
              onClick={() => void decide('return')}
            >
              {t.return}
            </button>
          </div>
        </div>
      )}
    </article>
  );
}

// ---------------------------------------------------------------------------------------------
// Escalations

const ESC = {
  th: {
    title: 'เรื่องที่ส่งต่อ (รายงานล่าช้า)',
    tabs: { open: 'ยังไม่ได้รับรายงาน', resolved: 'ได้รับรายงานแล้ว / สิ้นสุดแล้ว' },
    mine: 'เฉพาะที่มอบหมายให้ฉัน',
    level: 'ระดับ',
    levelN: (n: number) => `ระดับ ${n}`,
    roundN: (n: number) => `ส่งใหม่รอบที่ ${n}`,
    measure: 'มาตรการ',
    report: 'รายงาน',
    units: 'หน่วยงาน',
    due: 'กำหนดส่ง',
    late: 'ล่าช้า',
    days: (n: number) => `${n} วัน`,
    assignee: 'ผู้รับผิดชอบ',
    escalated: 'ส่งต่อครั้งแรก / ล่าสุด',
    next: 'จะส่งต่ออีกครั้ง',
    resolved: 'ได้รับรายงานเมื่อ',
    ended: 'สิ้นสุดเมื่อปิดปีงบประมาณ',
    timeline: (code: string, report: string) => `ดูความเคลื่อนไหวของมาตรการ ${code} (รายงาน ${report})`,
    unassigned: 'ผู้อำนวยการ',
    you: '(คุณ)',
    caption: 'เรียงจากระดับสูงสุด และล่าช้านานที่สุด',
  },
  en: {
    title: 'Escalations (late reports)',
    tabs: { open: 'Still missing', resolved: 'Received or ended' },
    mine: 'Assigned to me only',
    level: 'Level',
    levelN: (n: number) => `Level ${n}`,
    roundN: (n: number) => `resubmission, round ${n}`,
    measure: 'Measure',
    report: 'Report',
    units: 'Units',
    due: 'Due',
    late: 'Late by',
    days: (n: number) => `${n} day${n === 1 ? '' : 's'}`,
    assignee: 'Assigned to',
    escalated: 'First / last escalated',
    next: 'Escalates again',
    resolved: 'Received on',
    ended: 'Ended when the year closed',
    timeline: (code: string, report: string) => `See the timeline of measure ${code} (report ${report})`,
    unassigned: 'the Director',
    you: '(you)',
    caption: 'Highest level first, then the longest late',
  },
};
type EscTab = keyof typeof ESC.th.tabs;

export function EscalationsPage() {
  const t = useText(ESC);
  const c = useCommon();
  const date = useFormatDate();
  const due = useFormatDue();
  const { me } = useAuth();
  const organization = me?.organization ?? '';
  const titleOf = useMeasureTitles();
  const [tab, setTab] = useState<EscTab>('open');
  const [mine, setMine] = useState(false);
  const { data, problem, loading } = useLoad(
    () =>
      organization
        ? api.GET('/api/organizations/{organization}/escalations', {
            params: {
              path: { organization },
              query: { status: tab, ...(mine ? { assignee: 'me' } : {}), page: 1, pageSize: 200 },
            },
          })
        : NOTHING,
    [organization, tab, mine],
  );
  const rows = [...(data?.items ?? [])].sort((a, b) => b.level - a.level || b.daysLate - a.daysLate);
  return (
    <Page title={t.title}>
      <div className="tabs" role="tablist" aria-label={t.title}>
        {(Object.keys(t.tabs) as EscTab[]).map((k) => (
          <button key={k} type="button" role="tab" aria-selected={tab === k} onClick={() => setTab(k)}>
            {t.tabs[k]}
          </button>
        ))}
      </div>
      <label className="row" style={{ fontWeight: 600, marginBottom: 12 }}>
        <input
          type="checkbox"
          checked={mine}
          onChange={(e) => setMine(e.target.checked)}
          style={{ width: 'auto', minHeight: 0 }}
        />
        {t.mine}
      </label>
      <ErrorNote problem={problem} />
      {loading ? (
        <Loading />
      ) : rows.length === 0 ? (
        <Empty />
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="muted" style={{ textAlign: 'left' }}>
              {t.caption}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t.level}</th>
                <th scope="col">{t.late}</th>
                <th scope="col">{t.measure}</th>
                <th scope="col">{t.report}</th>
                <th scope="col">{t.units}</th>
                <th scope="col">{t.due}</th>
                <th scope="col">{t.assignee}</th>
                <th scope="col">{t.escalated}</th>
                <th scope="col">{tab === 'open' ? t.next : t.resolved}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((e) => {
                const title = titleOf(e.fiscalYear, e.measureCode);
                return (
                  <tr key={`${e.fiscalYear}/${e.measureCode}/${e.reportKey}/${e.round}`}>
                    <td>
                      <Badge light={e.resolvedAt ? 'grey' : e.level >= 2 ? 'red' : 'amber'}>{t.levelN(e.level)}</Badge>
                    </td>
                    <td>{e.resolvedAt ? t.days(e.daysLate) : <Badge light="red">{t.days(e.daysLate)}</Badge>}</td>
                    <th scope="row" style={{ fontWeight: 'normal', background: 'none' }}>
                      <a
                        href={`${href('measures', e.fiscalYear, e.measureCode)}?section=timeline`}
                        aria-label={t.timeline(e.measureCode, e.reportKey)}
                      >
                        {e.measureCode}
                      </a>
                      {title && (
                        <div className="muted" style={{ minWidth: 200 }}>
                          {title}
                        </div>
                      )}
                    </th>
                    <td>
                      {c.cadence[e.cadence] ?? e.cadence} <span className="muted">({e.reportKey})</span>
                      {e.round > 1 && <div className="muted">{t.roundN(e.round)}</div>}
                    </td>
                    <td>{e.units.join(', ')}</td>
                    <td style={{ whiteSpace: 'nowrap' }}>{due(e.dueAt)}</td>
                    <td>
                      {e.assignee ?? t.unassigned}
                      {e.assignee && e.assignee === me?.username ? ` ${t.you}` : ''}
                    </td>
                    <td style={{ whiteSpace: 'nowrap' }}>
                      {date(e.firstEscalatedAt, true)}
                      <br />
                      {date(e.lastEscalatedAt, true)}
                    </td>
                    <td style={{ whiteSpace: 'nowrap' }}>
                      {e.resolvedAt ? date(e.resolvedAt, true) : date(e.nextEscalationAt, true)}
                      {e.endReason && <div className="muted">{t.ended}</div>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}
