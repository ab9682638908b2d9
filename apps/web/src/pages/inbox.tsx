/** A unit's inbox by quarter: open, overdue, returned, and awaiting its head. */
import { useState } from 'react';
import { api } from '../api/client';
import { abilities, useAuth } from '../auth';
import { useLoad, usePlanYear } from '../data';
import { useCommon, useFormatDue, useText } from '../i18n';
import { href } from '../router';
import { Empty, ErrorNote, Loading, Page, TaskStatus } from '../ui';

const TEXT = {
  th: {
    title: 'งานของหน่วยงาน',
    unit: 'หน่วยงาน',
    tabs: {
      open: 'ต้องดำเนินการ',
      overdue: 'เกินกำหนด',
      returned: 'ถูกส่งกลับ',
      submitted: 'รอหัวหน้าอนุมัติ',
      approved: 'อนุมัติแล้ว',
    },
    measure: 'มาตรการ',
    step: 'ขั้นตอน',
    status: 'สถานะ',
    due: 'กำหนดเสร็จ',
    open: 'เปิดงาน',
  },
  en: {
    title: 'Unit inbox',
    unit: 'Unit',
    tabs: { open: 'To do', overdue: 'Overdue', returned: 'Returned', submitted: 'Awaiting head', approved: 'Approved' },
    measure: 'Measure',
    step: 'Step',
    status: 'Status',
    due: 'Due',
    open: 'Open task',
  },
};
type Tab = keyof typeof TEXT.th.tabs;
const FILTERS: Record<Tab, { status?: string; overdue?: boolean; returned?: boolean }> = {
  open: { status: 'open,returned' },
  overdue: { status: 'open,returned', overdue: true },
  returned: { status: 'returned' },
  submitted: { status: 'submitted' },
  approved: { status: 'approved' },
};

export function InboxPage() {
  const t = useText(TEXT);
  const c = useCommon();
  const due = useFormatDue();
  const { me } = useAuth();
  const units = abilities(me).units;
  const [unit, setUnit] = useState(units[0] ?? '');
  const [tab, setTab] = useState<Tab>('open');
  const { organization, fiscalYear } = usePlanYear();
  const { data, problem, loading } = useLoad(
    () =>
      organization && unit
        ? api.GET('/api/organizations/{organization}/units/{unit}/inbox', {
            params: {
              path: { organization, unit },
              query: { ...FILTERS[tab], fiscalYear: fiscalYear ?? undefined, pageSize: 200 },
            },
          })
        : Promise.resolve({ data: undefined }),
    [organization, unit, tab, fiscalYear],
  );
  const tasks = data?.items ?? [];
  const quarters = [...new Set(tasks.map((x) => x.quarter))].sort();
  return (
    <Page title={t.title}>
      {units.length > 1 && (
        <label className="field">
          {t.unit}
          <select value={unit} onChange={(e) => setUnit(e.target.value)}>
            {units.map((u) => (
              <option key={u}>{u}</option>
            ))}
          </select>
        </label>
      )}
      <div className="tabs" role="tablist" aria-label={t.title}>
        {(Object.keys(t.tabs) as Tab[]).map((k) => (
          <button key={k} type="button" role="tab" aria-selected={tab === k} onClick={() => setTab(k)}>
            {t.tabs[k]}
          </button>
        ))}
      </div>
      <ErrorNote problem={problem} />
      {loading ? (
        <Loading />
      ) : tasks.length === 0 ? (
        <Empty />
      ) : (
        quarters.map((q) => (
          <section key={q} aria-labelledby={`q${q}`}>
            <h2 id={`q${q}`}>{c.quarter(q)}</h2>
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t.measure}</th>
                    <th scope="col">{t.step}</th>
                    <th scope="col">{t.status}</th>
                    <th scope="col">{t.due}</th>
                  </tr>
                </thead>
                <tbody>
                  {tasks
                    .filter((x) => x.quarter === q)
                    .map((x) => (
                      <tr key={`${x.measureCode}/${x.taskKey}`}>
                        <td>
                          <a
                            href={href('tasks', x.fiscalYear, x.measureCode, x.taskKey)}
                            aria-label={`${t.open} ${x.measureCode} ${x.taskKey}`}
                          >
                            {x.measureCode}
                          </a>
                        </td>
                        <td>
                          <strong>{c.step(x.stepNumber)}</strong>
                          {x.stepText && <div>{x.stepText}</div>}
                        </td>
                        <td>
                          <TaskStatus status={x.status} overdue={x.overdue} />
                        </td>
                        <td>{due(x.dueAt)}</td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </div>
          </section>
        ))
      )}
    </Page>
  );
}
