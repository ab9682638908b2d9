/** Every measure of the plan year against its four quarters, as traffic lights with words. */
import { useState } from 'react';
import { api, type Schemas } from '../api/client';
import { useAuth } from '../auth';
import { useLoad, usePlanYear } from '../data';
import { useCommon, useLang, useText } from '../i18n';
import { href } from '../router';
import { Badge, Empty, ErrorNote, Loading, Page, QUARTER_LIGHT } from '../ui';

const QUARTERS: Array<Schemas['Quarter']> = [1, 2, 3, 4];
const STATUSES = ['complete', 'in-progress', 'overdue', 'not-started', 'no-steps'] as const;

/** No call to make yet (no organization or plan year): nothing to show. */
const NOTHING = Promise.resolve<{ data?: never }>({});

const TEXT = {
  th: {
    title: 'ภาพรวมมาตรการ',
    measure: 'มาตรการ',
    name: 'ชื่อมาตรการ',
    units: 'หน่วยงานที่รับผิดชอบ',
    run: 'สถานะมาตรการ',
    current: '(ปัจจุบัน)',
    runStatus: { 'not-started': 'ยังไม่เริ่ม', running: 'กำลังดำเนินการ', completed: 'เสร็จสิ้นแล้ว' } as Record<string, string>,
    notActivated: 'ยังไม่เปิดใช้งานแผน',
    incomplete: 'ข้อมูลในแผนไม่ครบ (เริ่มไม่ได้)',
    legend: 'คำอธิบายสถานะรายไตรมาส',
    overdueOnly: 'เฉพาะมาตรการที่มีไตรมาสเกินกำหนด',
    meaning: {
      complete: 'ทุกหน่วยงานดำเนินการครบและหัวหน้าอนุมัติแล้ว',
      'in-progress': 'ไตรมาสเปิดแล้ว ยังมีงานที่ยังไม่อนุมัติ',
      overdue: 'สิ้นไตรมาสแล้ว ยังมีงานค้าง',
      'not-started': 'ยังไม่ถึงไตรมาสนี้',
      'no-steps': 'มาตรการไม่มีขั้นตอนในไตรมาสนี้',
    } as Record<string, string>,
    cells: (n: number) => `${n} ช่อง`,
    caption: 'สถานะของแต่ละมาตรการรายไตรมาส',
    scroll: 'บนโทรศัพท์ เลื่อนตารางไปทางขวาเพื่อดูคอลัมน์อื่น',
    open: 'เปิดมาตรการ',
  },
  en: {
    title: 'Dashboard',
    measure: 'Measure',
    name: 'Title',
    units: 'Responsible units',
    run: 'Measure status',
    current: '(current)',
    runStatus: { 'not-started': 'Not started', running: 'Running', completed: 'Completed' } as Record<string, string>,
    notActivated: 'Plan not activated',
    incomplete: 'Incomplete in the plan (cannot run)',
    legend: 'Quarter status legend',
    overdueOnly: 'Only measures with an overdue quarter',
    meaning: {
      complete: 'Every unit done and approved by its head',
      'in-progress': 'Quarter open, some tasks not yet approved',
      overdue: 'Quarter ended with tasks outstanding',
      'not-started': 'Quarter not reached yet',
      'no-steps': 'The measure has no steps this quarter',
    } as Record<string, string>,
    cells: (n: number) => `${n} cell${n === 1 ? '' : 's'}`,
    caption: "Each measure's status by quarter",
    scroll: 'On a phone, scroll the table sideways for the other columns',
    open: 'Open measure',
  },
};

export function DashboardPage() {
  const t = useText(TEXT);
  const c = useCommon();
  const { lang } = useLang();
  const { me } = useAuth();
  const { organization, fiscalYear } = usePlanYear();
  const [overdueOnly, setOverdueOnly] = useState(false);
  const { data, problem, loading } = useLoad(
    () =>
      organization && fiscalYear
        ? api.GET('/api/organizations/{organization}/plans/{fiscalYear}/measures', {
            params: { path: { organization, fiscalYear } },
          })
        : NOTHING,
    [organization, fiscalYear],
  );

  const measures = data ?? [];
  /** The quarter's status: the run's, or before activation what the plan implies. */
  const statusOf = (m: Schemas['MeasureSummary'], q: Schemas['Quarter']): string =>
    m.run?.quarterStatuses[q] ?? (m.quarters.includes(q) ? 'not-started' : 'no-steps');
  const counts = new Map<string, number>();
  for (const m of measures) for (const q of QUARTERS) counts.set(statusOf(m, q), (counts.get(statusOf(m, q)) ?? 0) + 1);
  const shown = overdueOnly ? measures.filter((m) => QUARTERS.some((q) => statusOf(m, q) === 'overdue')) : measures;
  const currentQuarter = measures.find((m) => m.run?.currentQuarter)?.run?.currentQuarter ?? null;
  const unitName = (u: Schemas['MeasureSummary']['responsibleUnits'][number]) =>
    lang === 'en' ? (u.nameEn ?? u.name) : u.name;

  return (
    <Page title={t.title}>
      {fiscalYear ? (
        <h2 style={{ marginTop: 0 }}>
          {c.fiscalYear(fiscalYear)}
          {me?.organization ? ` · ${me.organization}` : ''}
        </h2>
      ) : null}
      <label className="row" style={{ fontWeight: 600, marginBottom: 12 }}>
        <input
          type="checkbox"
          checked={overdueOnly}
          onChange={(e) => setOverdueOnly(e.target.checked)}
          style={{ width: 'auto', minHeight: 0 }}
        />
        {t.overdueOnly}
      </label>
      <ErrorNote problem={problem} />
      {loading || (!fiscalYear && !problem) ? (
        <Loading />
      ) : shown.length === 0 ? (
        <Empty />
      ) : (
        <>
          <p className="muted" style={{ margin: '0 0 4px' }}>
            {t.scroll}
          </p>
          <div className="table-wrap">
            <table>
              <caption className="muted" style={{ textAlign: 'left' }}>
                {t.caption}
              </caption>
              <thead>
                <tr>
                  <th scope="col" style={{ position: 'sticky', left: 0, zIndex: 1 }}>
                    {t.measure}
                  </th>
                  {QUARTERS.map((q) => (
                    <th scope="col" key={q} style={{ whiteSpace: 'nowrap' }}>
                      {c.quarter(q)}
                      {q === currentQuarter ? (
                        <>
                          <br />
                          {t.current}
                        </>
                      ) : null}
                    </th>
                  ))}
                  <th scope="col">{t.run}</th>
                  <th scope="col" style={{ minWidth: 220 }}>
                    {t.name}
                  </th>
                  <th scope="col" style={{ minWidth: 160 }}>
                    {t.units}
                  </th>
                </tr>
              </thead>
              <tbody>
                {shown.map((m) => (
                  <tr key={m.code}>
                    <th
                      scope="row"
                      style={{ position: 'sticky', left: 0, background: 'var(--bg)', whiteSpace: 'nowrap' }}
                    >
                      <a href={href('measures', fiscalYear ?? '', m.code)} aria-label={`${t.open} ${m.code}`}>
                        {m.code}
                      </a>
                    </th>
                    {QUARTERS.map((q) => {
                      const s = statusOf(m, q);
                      return (
                        <td key={q}>
                          <Badge light={QUARTER_LIGHT[s] ?? 'grey'}>{c.quarterStatus[s] ?? s}</Badge>
                        </td>
                      );
                    })}
                    <td style={m.run ? { whiteSpace: 'nowrap' } : { minWidth: 140 }}>
                      {m.run ? (
                        (t.runStatus[m.run.status] ?? m.run.status)
                      ) : (
                        <span className="muted">{m.incomplete ? t.incomplete : t.notActivated}</span>
                      )}
                    </td>
                    <td>{m.title}</td>
                    <td>{m.responsibleUnits.map(unitName).join(', ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <section aria-labelledby="legend" style={{ marginTop: 16 }}>
        <h2 id="legend" style={{ fontSize: '1rem' }}>
          {t.legend}
        </h2>
        <ul style={{ listStyle: 'none', padding: 0, margin: '0 0 12px', display: 'grid', gap: 4 }}>
          {STATUSES.map((s) => (
            <li key={s}>
              <Badge light={QUARTER_LIGHT[s] ?? 'grey'}>{c.quarterStatus[s] ?? s}</Badge> {t.meaning[s]}
              {measures.length > 0 && <span className="muted"> ({t.cells(counts.get(s) ?? 0)})</span>}
            </li>
          ))}
        </ul>
      </section>
    </Page>
  );
}
