/**
 * One measure: its steps and quarters, where each quarter stands, its tasks and reports, and its
 * timeline (who did what, when, under which delegation, and what they wrote). Auditors can look
 * at the tasks and reports as they stood at the end of any past day.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { api, problemOf, type ApiProblem, type Schemas } from '../api/client';
import { useAuth } from '../auth';
import { useLoad } from '../data';
import { useCommon, useFormatDate, useFormatDue, useLang, useText } from '../i18n';
import { href, useRoute } from '../router';
import { Badge, Empty, ErrorNote, Loading, Page, QUARTER_LIGHT, ReportStatus, TaskStatus } from '../ui';

const QUARTERS: Array<Schemas['Quarter']> = [1, 2, 3, 4];

const TEXT = {
  th: {
    back: 'ภาพรวมมาตรการ',
    units: 'หน่วยงานที่รับผิดชอบ',
    reporting: 'การรายงาน',
    run: 'สถานะมาตรการ',
    current: 'ไตรมาสปัจจุบัน',
    runStatus: { 'not-started': 'ยังไม่เริ่ม', running: 'กำลังดำเนินการ', completed: 'เสร็จสิ้นแล้ว' } as Record<string, string>,
    notActivated: 'ยังไม่เปิดใช้งานแผน',
    quarters: 'สถานะรายไตรมาส',
    steps: 'ขั้นตอนการดำเนินงาน',
    stepNo: 'ขั้นตอน',
    stepText: 'รายละเอียด',
    stepQuarters: 'ไตรมาส',
    stepOwners: 'ผู้ดำเนินการ',
    allUnits: 'ทุกส่วนงาน',
    measureUnits: 'หน่วยงานที่รับผิดชอบทั้งหมด',
    leadUnit: 'หน่วยงานหลัก',
    assumed: 'กำหนดเวลาโดยประมาณ (ต้นฉบับไม่ระบุ)',
    reportsTo: (cadence: string, recipient: string, from: string | null) =>
      `${cadence} ถึง${recipient}${from ? ` โดย${from}` : ''}`,
    guidelines: 'แนวทางการติดตาม (หลักฐาน)',
    tasks: 'งานของหน่วยงาน',
    quarter: 'ไตรมาส',
    unit: 'หน่วยงาน',
    status: 'สถานะ',
    due: 'กำหนดเสร็จ',
    openTask: 'เปิดงาน',
    reports: 'รายงาน',
    period: 'รอบรายงาน',
    cadence: 'ความถี่',
    submittedBy: 'ส่งโดย',
    decidedBy: 'พิจารณาโดย',
    timeline: 'ความเคลื่อนไหวของมาตรการ',
    newestFirst: 'ล่าสุดอยู่บนสุด',
    show: 'แสดง',
    by: 'โดย',
    authority: 'ตามอำนาจที่ได้รับมอบ',
    wrote: 'ข้อความ',
    entities: {
      all: 'ทั้งหมด',
      task: 'งาน',
      report: 'รายงาน',
      escalation: 'การส่งต่อ',
      measure: 'มาตรการและไตรมาส',
    } as Record<string, string>,
    showAll: (n: number) => `แสดงทั้งหมด ${n} รายการ`,
    raw: 'ข้อมูลก่อนและหลัง',
    before: 'ก่อน',
    after: 'หลัง',
    event: 'เหตุการณ์ของ workflow',
    system: 'ระบบ (อัตโนมัติ)',
    asOf: 'สถานะย้อนหลัง (สำหรับผู้ตรวจสอบ)',
    asOfDate: 'วันที่',
    asOfTime: 'เวลา (ไม่ระบุ = สิ้นวัน)',
    asOfHint: 'เวลาประเทศไทย',
    asOfShow: 'แสดงสถานะย้อนหลัง',
    asOfClear: 'ล้าง',
    asOfTitle: (d: string) => `สถานะ ณ ${d}`,
    lastChange: 'การเปลี่ยนแปลงล่าสุดก่อนเวลานั้น',
    escalations: 'เรื่องที่ส่งต่อ',
    level: 'ระดับ',
    amendments: 'การแก้ไขมาตรการ',
    resolved: 'ได้รับรายงานแล้ว',
    pending: 'ยังไม่ได้รับรายงาน',
    reason: 'เหตุผล',
    level_: (n: number) => `ระดับ ${n}`,
    late: (n: number) => `ล่าช้า ${n} วัน`,
    evidence: (n: number) => `หลักฐาน ${n} รายการ`,
    delegation: (id: string, kind: string, unit: string | undefined, from: string) =>
      `การมอบอำนาจเลขที่ ${id} (${kind === 'oversight' ? 'กำกับดูแลและพิจารณารายงานแทนผู้อำนวยการ' : `รักษาการหัวหน้าหน่วยงาน ${unit ?? ''}`.trim()}) จาก ${from}`,
  },
  en: {
    back: 'Dashboard',
    units: 'Responsible units',
    reporting: 'Reporting',
    run: 'Measure status',
    current: 'current quarter',
    runStatus: { 'not-started': 'Not started', running: 'Running', completed: 'Completed' } as Record<string, string>,
    notActivated: 'Plan not activated',
    quarters: 'Quarters',
    steps: 'Steps',
    stepNo: 'Step',
    stepText: 'What is done',
    stepQuarters: 'Quarters',
    stepOwners: 'Carried out by',
    allUnits: 'all units',
    measureUnits: "all the measure's units",
    leadUnit: 'Lead unit',
    assumed: 'assumed schedule (the source does not say)',
    reportsTo: (cadence: string, recipient: string, from: string | null) =>
      `${cadence} to ${recipient}${from ? ` by ${from}` : ''}`,
    guidelines: 'Monitoring guidelines (evidence)',
    tasks: 'Unit tasks',
    quarter: 'Quarter',
    unit: 'Unit',
    status: 'Status',
    due: 'Due',
    openTask: 'Open task',
    reports: 'Reports',
    period: 'Period',
    cadence: 'Cadence',
    submittedBy: 'Submitted by',
    decidedBy: 'Decided by',
    timeline: "The measure's timeline",
    newestFirst: 'newest first',
    show: 'Show',
    by: 'by',
    authority: 'Under delegated authority',
    wrote: 'Text',
    entities: {
      all: 'Everything',
      task: 'Tasks',
      report: 'Reports',
      escalation: 'Escalations',
      measure: 'Measure and quarters',
    } as Record<string, string>,
    showAll: (n: number) => `Show all ${n}`,
    raw: 'Before and after',
    before: 'Before',
    after: 'After',
    event: 'workflow event',
    system: 'System (automatic)',
    asOf: 'As it stood (for auditors)',
    asOfDate: 'Date',
    asOfTime: 'Time (empty: end of the day)',
    asOfHint: 'Bangkok time',
    asOfShow: 'Show the past state',
    asOfClear: 'Clear',
    asOfTitle: (d: string) => `As of ${d}`,
    lastChange: 'Last change before then',
    escalations: 'Escalations',
    level: 'Level',
    amendments: 'Amendments',
    resolved: 'Received',
    pending: 'Still missing',
    reason: 'Reason',
    level_: (n: number) => `Level ${n}`,
    late: (n: number) => `${n} day(s) late`,
    evidence: (n: number) => `${n} evidence item(s)`,
    delegation: (id: string, kind: string, unit: string | undefined, from: string) =>
      `delegation no. ${id} (${kind === 'oversight' ? "the Director's oversight and report decisions" : `acting head of ${unit ?? 'a unit'}`}) from ${from}`,
  },
};

/** A field of a recorded before/after object, which the audit trail keeps as it was written. */
function field(value: unknown, ...path: string[]): unknown {
  let v = value;
  for (const p of path) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[p] : undefined;
  return v;
}
const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v : undefined);
const num = (v: unknown) => (typeof v === 'number' ? v : undefined);

/** What the person wrote with the change: the note, the reason, the summary or the comments. */
function written(action: string, before: unknown, after: unknown): string | undefined {
  switch (action) {
    case 'task.submitted':
      return text(field(after, 'submission', 'note'));
    case 'task.returned':
      return text(field(after, 'returnReason'));
    case 'report.submitted':
      return text(field(after, 'summary'));
    case 'report.returned':
      return text(field(after, 'comments'));
    // An approval without comments keeps the earlier ones; show only comments made with it.
    case 'report.approved':
      return field(after, 'comments') !== field(before, 'comments') ? text(field(after, 'comments')) : undefined;
    case 'measure.amended':
      return text(field(after, 'reason'));
    default:
      return undefined;
  }
}

export function MeasurePage({ fiscalYear, measureCode }: { fiscalYear: number; measureCode: string }) {
  const t = useText(TEXT);
  const c = useCommon();
  const date = useFormatDate();
  const due = useFormatDue();
  const { lang } = useLang();
  const { me } = useAuth();
  const route = useRoute();
  const organization = me?.organization ?? '';
  const path = { organization, fiscalYear, code: measureCode };
  const deps = [organization, fiscalYear, measureCode];
  const measure = useLoad(
    () => api.GET('/api/organizations/{organization}/plans/{fiscalYear}/measures/{code}', { params: { path } }),
    deps,
  );
  const list = useLoad(
    () =>
      api.GET('/api/organizations/{organization}/plans/{fiscalYear}/measures', {
        params: { path: { organization, fiscalYear } },
      }),
    [organization, fiscalYear],
  );
  const tasks = useLoad(
    () => api.GET('/api/organizations/{organization}/plans/{fiscalYear}/measures/{code}/tasks', { params: { path } }),
    deps,
  );
  const reports = useLoad(
    () =>
      api.GET('/api/organizations/{organization}/reports', {
        params: { path: { organization }, query: { measure: measureCode, fiscalYear, pageSize: 200 } },
      }),
    deps,
  );
  const timeline = useLoad(
    () =>
      api.GET('/api/organizations/{organization}/plans/{fiscalYear}/measures/{code}/timeline', { params: { path } }),
    deps,
  );

  // Arriving from an escalation (…?section=timeline): go to the timeline once it is there.
  const toTimeline = route.query.get('section') === 'timeline';
  useEffect(() => {
    const heading = toTimeline && !timeline.loading ? document.getElementById('timeline') : null;
    heading?.scrollIntoView();
    heading?.focus({ preventScroll: true });
  }, [toTimeline, timeline.loading]);

  if (measure.loading) return <Loading />;
  const m = measure.data;
  if (!m)
    return (
      <Page title={measureCode}>
        <ErrorNote problem={measure.problem ?? { message: measureCode }} />
      </Page>
    );
  const run = list.data?.find((x) => x.code === measureCode)?.run ?? null;
  const quarterStatus = (q: Schemas['Quarter']): string =>
    run?.quarterStatuses[q] ?? (m.quarters.includes(q) ? 'not-started' : 'no-steps');
  const taskRows = [...(tasks.data ?? [])].sort(
    (a, b) => a.quarter - b.quarter || a.stepNumber - b.stepNumber || a.unitCode.localeCompare(b.unitCode),
  );
  const reportRows = [...(reports.data?.items ?? [])].sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  const unitNames = m.responsibleUnits.map((u) => (lang === 'en' ? (u.nameEn ?? u.name) : u.name)).join(', ');
  const unitName = (code: string) => {
    const u = m.responsibleUnits.find((x) => x.code === code);
    return u ? (lang === 'en' ? (u.nameEn ?? u.name) : u.name) : code;
  };
  const owners = (codes: string[] | undefined) =>
    !codes ? t.measureUnits : codes.includes('ALL') ? t.allUnits : codes.map(unitName).join(', ');

  return (
    <Page title={`${m.code} · ${m.title}`} actions={<a href={href('dashboard')}>{t.back}</a>}>
      <div className="panel">
        <p style={{ margin: 0 }}>
          {c.fiscalYear(fiscalYear)} · {t.run}:{' '}
          <strong>{run ? (t.runStatus[run.status] ?? run.status) : t.notActivated}</strong>
          {run?.currentQuarter ? (
            <>
              {' '}
              · {t.current}: {c.quarter(run.currentQuarter)}
            </>
          ) : null}
        </p>
        <p style={{ margin: 0 }}>
          {t.units}: {unitNames}
        </p>
        {m.responsibleText && m.responsibleText !== m.responsibleUnits.map((u) => u.name).join(', ') && (
          <p className="muted" style={{ margin: 0 }}>
            {m.responsibleText}
          </p>
        )}
        {m.leadUnit ? (
          <p style={{ margin: 0 }}>
            {t.leadUnit}: {unitName(m.leadUnit)}
          </p>
        ) : null}
        <p style={{ margin: 0 }}>
          {t.reporting}:{' '}
          {m.reporting
            .map((r) =>
              t.reportsTo(
                c.cadence[r.cadence] ?? (lang === 'en' ? r.label.en : r.label.th),
                lang === 'en' ? r.recipientLabel.en : r.recipientLabel.th,
                r.from ? unitName(r.from) : null,
              ),
            )
            .join('; ')}
        </p>
      </div>

      <section aria-labelledby="quarters">
        <h2 id="quarters">{t.quarters}</h2>
        <ol style={{ listStyle: 'none', padding: 0, margin: 0, display: 'flex', flexWrap: 'wrap', gap: 8 }}>
          {QUARTERS.map((q) => {
            const s = quarterStatus(q);
            return (
              <li
                key={q}
                data-quarter={q}
                aria-current={run?.currentQuarter === q ? 'step' : undefined}
                style={{
                  border: `${run?.currentQuarter === q ? 3 : 1}px solid var(--line)`,
                  borderRadius: 8,
                  padding: '6px 10px',
                }}
              >
                <strong>{c.quarter(q)}</strong>
                {run?.currentQuarter === q ? <span className="muted"> ({t.current})</span> : null}
                <br />
                <Badge light={QUARTER_LIGHT[s] ?? 'grey'}>{c.quarterStatus[s] ?? s}</Badge>
              </li>
            );
          })}
        </ol>
      </section>

      <section aria-labelledby="steps">
        <h2 id="steps">{t.steps}</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t.stepNo}</th>
                <th scope="col">{t.stepText}</th>
                <th scope="col">{t.stepQuarters}</th>
                <th scope="col">{t.stepOwners}</th>
              </tr>
            </thead>
            <tbody>
              {m.steps.map((s) => (
                <tr key={s.number}>
                  <th scope="row" style={{ background: 'none' }}>
                    {s.number}
                  </th>
                  <td>{s.text}</td>
                  <td style={{ whiteSpace: 'nowrap' }}>
                    {s.quarters.map((q) => c.quarter(q)).join(', ')}
                    {s.scheduleAssumed ? (
                      <>
                        <br />
                        <span className="muted">{t.assumed}</span>
                      </>
                    ) : null}
                  </td>
                  <td>{owners(s.owners)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {m.monitoringGuidelines.length > 0 && (
          <details>
            <summary>{t.guidelines}</summary>
            <ol>
              {m.monitoringGuidelines.map((g) => (
                <li key={g.number} value={g.number}>
                  {g.text}
                  {g.steps ? <span className="muted"> ({g.steps.map((n) => c.step(n)).join(', ')})</span> : null}
                </li>
              ))}
            </ol>
          </details>
        )}
      </section>

      <section aria-labelledby="tasks">
        <h2 id="tasks">{t.tasks}</h2>
        <ErrorNote problem={tasks.problem} />
        {tasks.loading ? (
          <Loading />
        ) : taskRows.length === 0 ? (
          <Empty />
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t.quarter}</th>
                  <th scope="col">{t.stepNo}</th>
                  <th scope="col">{t.unit}</th>
                  <th scope="col">{t.status}</th>
                  <th scope="col">{t.due}</th>
                </tr>
              </thead>
              <tbody>
                {taskRows.map((x) => (
                  <tr key={x.taskKey}>
                    <td>{c.quarter(x.quarter)}</td>
                    <td>
                      <a
                        href={href('tasks', fiscalYear, measureCode, x.taskKey)}
                        aria-label={`${t.openTask} ${x.taskKey}`}
                      >
                        {c.step(x.stepNumber)}
                      </a>
                    </td>
                    <td>{x.unitCode}</td>
                    <td>
                      <TaskStatus status={x.status} overdue={x.overdue} />
                    </td>
                    <td>{due(x.dueAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="reports">
        <h2 id="reports">{t.reports}</h2>
        <ErrorNote problem={reports.problem} />
        {reports.loading ? (
          <Loading />
        ) : reportRows.length === 0 ? (
          <Empty />
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t.period}</th>
                  <th scope="col">{t.cadence}</th>
                  <th scope="col">{t.status}</th>
                  <th scope="col">{t.due}</th>
                  <th scope="col">{t.submittedBy}</th>
                  <th scope="col">{t.decidedBy}</th>
                </tr>
              </thead>
              <tbody>
                {reportRows.map((r) => (
                  <tr key={r.reportKey}>
                    <td>{r.periodLabel}</td>
                    <td>{c.cadence[r.cadence] ?? r.cadence}</td>
                    <td>
                      <ReportStatus status={r.status} overdue={r.overdue} />
                    </td>
                    <td>{due(r.dueAt)}</td>
                    <td>
                      {r.submittedBy ? (
                        <>
                          {r.submittedBy}
                          <br />
                          <span className="muted">{date(r.submittedAt, true)}</span>
                        </>
                      ) : (
                        '–'
                      )}
                    </td>
                    <td>
                      {r.decidedBy ? (
                        <>
                          {r.decidedBy}
                          <br />
                          <span className="muted">{date(r.decidedAt, true)}</span>
                        </>
                      ) : (
                        '–'
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <Timeline entries={timeline.data ?? []} loading={timeline.loading} problem={timeline.problem} />
      <AsOf organization={organization} fiscalYear={fiscalYear} measureCode={measureCode} />
    </Page>
  );
}

type TimelineEntries = Array<Schemas['TimelineEntry']>;
/** Timeline entries shown before "show all". */
const PAGE = 100;

function Timeline({
  entries,
  loading,
  problem,
}: {
  entries: TimelineEntries;
  loading: boolean;
  problem: ApiProblem | null;
}) {
  const t = useText(TEXT);
  const c = useCommon();
  const actions: Record<string, string> = useCommon().auditAction;
  const date = useFormatDate();
  const [entity, setEntity] = useState('all');
  const [all, setAll] = useState(false);
  const matching = entries.filter((e) => entity === 'all' || e.entity === entity).reverse();
  const shown = all ? matching : matching.slice(0, PAGE);
  const subject = (e: TimelineEntries[number]): string => {
    const v = e.after ?? e.before;
    switch (e.entity) {
      case 'task': {
        const q = num(field(v, 'quarter')),
          s = num(field(v, 'stepNumber')),
          u = text(field(v, 'unitCode'));
        return q && s ? [c.quarter(q), c.step(s), u].filter(Boolean).join(' · ') : e.key;
      }
      case 'report':
        return text(field(v, 'periodLabel')) ?? e.key;
      case 'escalation': {
        const level = num(field(v, 'level')),
          late = num(field(v, 'daysLate'));
        return [e.key, level ? t.level_(level) : undefined, late !== undefined ? t.late(late) : undefined]
          .filter(Boolean)
          .join(' · ');
      }
      default: {
        const q = num(field(v, 'quarter'));
        return e.action.startsWith('quarter.') && q ? c.quarter(q) : '';
      }
    }
  };
  const authority = (raw: string) => {
    const m = /^delegation (\S+) \((oversight|unit-head)(?: (\S+))?\) from (\S+)$/.exec(raw);
    return m ? t.delegation(m[1], m[2], m[3], m[4]) : raw;
  };
  const details = (e: TimelineEntries[number]): string | undefined => {
    if (e.action === 'task.submitted') {
      const progress = text(field(e.after, 'submission', 'progress'));
      const evidence = field(e.after, 'submission', 'evidence');
      return (
        [
          progress ? (c.progress[progress] ?? progress) : undefined,
          Array.isArray(evidence) ? t.evidence(evidence.length) : undefined,
        ]
          .filter(Boolean)
          .join(' · ') || undefined
      );
    }
    return undefined;
  };
  return (
    <section aria-labelledby="timeline">
      <h2 id="timeline" tabIndex={-1}>
        {t.timeline}{' '}
        <span className="muted" style={{ fontSize: '1rem', fontWeight: 'normal' }}>
          ({t.newestFirst})
        </span>
      </h2>
      <label className="field" style={{ maxWidth: 320, marginBottom: 8 }}>
        {t.show}
        <select value={entity} onChange={(e) => setEntity(e.target.value)}>
          {Object.entries(t.entities).map(([k, label]) => (
            <option key={k} value={k}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <ErrorNote problem={problem} />
      {loading ? (
        <Loading />
      ) : shown.length === 0 ? (
        <Empty />
      ) : (
        <ol aria-label={`${t.timeline} (${t.newestFirst})`} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {shown.map((e) => {
            const words = written(e.action, e.before, e.after);
            const extra = details(e);
            const about = subject(e);
            const role = e.actor.role === 'system' ? t.system : (c.roles[e.actor.role] ?? e.actor.role);
            return (
              <li
                key={`${e.runId}/${e.eventId}/${e.seq}/${e.action}/${e.key}`}
                data-action={e.action}
                data-entity={e.entity}
                data-key={e.key}
                style={{ borderBottom: '1px solid var(--line)', padding: '8px 0' }}
              >
                <div>
                  <time dateTime={e.at} className="muted">
                    {date(e.at, true)}
                  </time>
                  {' · '}
                  <strong>{actions[e.action] ?? e.action}</strong>
                  {about ? <> · {about}</> : null}
                </div>
                <div>
                  {t.by}{' '}
                  {e.actor.id === 'system' ? (
                    role
                  ) : (
                    <>
                      <strong>{e.actor.id}</strong> ({role}
                      {e.actor.unit ? ` ${e.actor.unit}` : ''})
                    </>
                  )}
                </div>
                {e.authority && (
                  <div>
                    {t.authority}: {authority(e.authority)}
                  </div>
                )}
                {extra && <div>{extra}</div>}
                {words && (
                  <blockquote
                    aria-label={t.wrote}
                    style={{
                      whiteSpace: 'pre-wrap',
                      margin: '4px 0',
                      padding: '4px 12px',
                      borderLeft: '4px solid var(--line)',
                    }}
                  >
                    {words}
                  </blockquote>
                )}
                <details>
                  <summary className="muted">
                    {t.raw} · {t.event} {e.eventId}
                  </summary>
                  <div className="table-wrap">
                    {e.before !== undefined && e.before !== null && (
                      <>
                        <strong>{t.before}</strong>
                        <pre style={{ fontSize: '.8rem' }}>{JSON.stringify(e.before, null, 2)}</pre>
                      </>
                    )}
                    {e.after !== undefined && e.after !== null && (
                      <>
                        <strong>{t.after}</strong>
                        <pre style={{ fontSize: '.8rem' }}>{JSON.stringify(e.after, null, 2)}</pre>
                      </>
                    )}
                    <p className="muted" style={{ fontSize: '.8rem' }}>
                      {e.workflowId} · run {e.runId} · event {e.eventId}
                    </p>
                  </div>
                </details>
              </li>
            );
          })}
        </ol>
      )}
      {shown.length < matching.length && (
        <p>
          <button type="button" onClick={() => setAll(true)}>
            {t.showAll(matching.length)}
          </button>
        </p>
      )}
    </section>
  );
}

/** The measure's tasks, reports and escalations as they stood at the end of a chosen day (Bangkok). */
function AsOf({
  organization,
  fiscalYear,
  measureCode,
}: {
  organization: string;
  fiscalYear: number;
  measureCode: string;
}) {
  const t = useText(TEXT);
  const c = useCommon();
  const actions: Record<string, string> = useCommon().auditAction;
  const date = useFormatDate();
  const due = useFormatDue();
  const [day, setDay] = useState('');
  const [time, setTime] = useState('');
  const [state, setState] = useState<Schemas['StateAsOf']>();
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const show = async (e: FormEvent) => {
    e.preventDefault();
    if (!day) return;
    setBusy(true);
    // A date alone is the end of that day in Bangkok; with a time, that instant in Bangkok.
    const { data, error } = await loadState(
      { organization, fiscalYear, code: measureCode },
      time ? `${day}T${time}:59+07:00` : day,
    );
    setBusy(false);
    // With asOf the API answers the state rebuilt from the audit trail (without it, the live state).
    setState(data && 'asOf' in data ? data : undefined);
    setProblem(error ? problemOf(error) : null);
  };
  const clear = () => {
    setDay('');
    setTime('');
    setState(undefined);
    setProblem(null);
  };
  const tasks = [...(state?.tasks ?? [])].sort(
    (a, b) => a.quarter - b.quarter || a.stepNumber - b.stepNumber || a.unitCode.localeCompare(b.unitCode),
  );
  return (
    <section aria-labelledby="as-of">
      <h2 id="as-of">{t.asOf}</h2>
      <form className="row" onSubmit={(e) => void show(e)} style={{ alignItems: 'end' }}>
        <label className="field" style={{ maxWidth: 220 }}>
          {t.asOfDate}
          <input
            type="date"
            value={day}
            onChange={(e) => setDay(e.target.value)}
            required
            aria-describedby="as-of-be"
          />
        </label>
        <label className="field" style={{ maxWidth: 220 }}>
          {t.asOfTime}
          <input type="time" value={time} onChange={(e) => setTime(e.target.value)} aria-describedby="as-of-be" />
        </label>
        <button type="submit" className="primary" disabled={busy || !day}>
          {t.asOfShow}
        </button>
        {(state || problem) && (
          <button type="button" onClick={clear}>
            {t.asOfClear}
          </button>
        )}
      </form>
      <p id="as-of-be" className="muted">
        {t.asOfHint}
        {day ? ` · ${date(`${day}T12:00:00+07:00`)}${time ? ` ${time}` : ''}` : ''}
      </p>
      <ErrorNote problem={problem} />
      {state && (
        <div className="card" role="region" aria-labelledby="as-of-title">
          <h3 id="as-of-title">{t.asOfTitle(date(state.asOf, true))}</h3>
          <p className="muted">
            {t.lastChange}: {date(state.lastChange.at, true)} ·{' '}
            {actions[state.lastChange.action] ?? state.lastChange.action}
          </p>
          <h4>{t.tasks}</h4>
          {tasks.length === 0 ? (
            <Empty />
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t.quarter}</th>
                    <th scope="col">{t.stepNo}</th>
                    <th scope="col">{t.unit}</th>
                    <th scope="col">{t.status}</th>
                    <th scope="col">{t.due}</th>
                  </tr>
                </thead>
                <tbody>
                  {tasks.map((x) => (
                    <tr key={x.key}>
                      <td>{c.quarter(x.quarter)}</td>
                      <td>{c.step(x.stepNumber)}</td>
                      <td>{x.unitCode}</td>
                      <td>
                        <TaskStatus status={x.status} overdue={x.overdue} />
                      </td>
                      <td>{due(x.dueAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <h4>{t.reports}</h4>
          {state.reports.length === 0 ? (
            <Empty />
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t.period}</th>
                    <th scope="col">{t.status}</th>
                    <th scope="col">{t.due}</th>
                    <th scope="col">{t.submittedBy}</th>
                    <th scope="col">{t.decidedBy}</th>
                  </tr>
                </thead>
                <tbody>
                  {state.reports.map((r) => (
                    <tr key={r.key}>
                      <td>{r.periodLabel}</td>
                      <td>
                        <ReportStatus status={r.status} overdue={r.overdue} />
                      </td>
                      <td>{due(r.dueAt)}</td>
                      <td>{r.submittedBy ?? '–'}</td>
                      <td>{r.decidedBy ?? '–'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {state.escalations.length > 0 && (
            <>
              <h4>{t.escalations}</h4>
              <ul>
                {state.escalations.map((x, i) => (
                  <li key={i}>
                    {text(field(x, 'reportKey'))} · {t.level_(num(field(x, 'level')) ?? 1)} ·{' '}
                    {text(field(x, 'resolvedAt')) ? t.resolved : t.pending}
                  </li>
                ))}
              </ul>
            </>
          )}
          {state.amendments.length > 0 && (
            <>
              <h4>{t.amendments}</h4>
              <ul>
                {state.amendments.map((a, i) => (
                  <li key={i}>
                    {date(a.at, true)} · {a.by}
                    {text(field(a.change, 'reason')) ? (
                      <>
                        {' '}
                        · {t.reason}: {text(field(a.change, 'reason'))}
                      </>
                    ) : null}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </section>
  );
}

const loadState = (path: { organization: string; fiscalYear: number; code: string }, asOf: string) =>
  api.GET('/api/organizations/{organization}/plans/{fiscalYear}/measures/{code}/state', {
    params: { path, query: { asOf } },
  });
