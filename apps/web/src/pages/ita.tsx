/**
 * The ITA analysis of a plan year, for planners, the Director, the Deputy Director and auditors:
 * each indicator's two years and the change; every item in its class (urgent, needs improvement,
 * strength) by the organization's thresholds, with its printed grade beside the computed class
 * (grades that contradict each other are marked), its flagged sub-items and the measures that
 * cover it; and, first, the items that need a measure and have none. Planners also download the
 * plan workbook and the ITA results template here, and upload either: each file is checked
 * first (every problem at its cell), and its changes shown before they are saved.
 */
import { useState } from 'react';
import { api, authorizedFetch, problemOf, type ApiProblem, type paths, type Schemas } from '../api/client';
import { abilities, useAuth } from '../auth';
import { useLoad } from '../data';
import { useCommon, useText } from '../i18n';
import { href, navigate } from '../router';
import { Badge, CellProblems, ErrorNote, Loading, Page, type Light } from '../ui';

type Analysis = Schemas['ItaAnalysis'];
type Item = Schemas['ItaItemAnalysis'];
type ItaClass = Schemas['ItaClass'];
type ImportResult = paths['/api/plans/import']['post']['responses'][200]['content']['application/json'];
type ImportRefusal = ApiProblem & { preview?: ImportResult };

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CLASS_LIGHT: Record<ItaClass, Light> = { urgent: 'red', improve: 'amber', strength: 'green' };
const CLASSES: ItaClass[] = ['urgent', 'improve', 'strength'];
/** No call to make yet (no organization or plan year): nothing to show. */
const NOTHING = Promise.resolve<{ data?: never }>({});
const NEEDS_MEASURE_ROW = { background: '#fff5f5', boxShadow: 'inset 4px 0 0 var(--red)' };

const TEXT = {
  th: {
    title: 'การวิเคราะห์ผล ITA',
    year: 'แผนปีงบประมาณ',
    noPlans: 'ยังไม่มีแผน นำเข้าแผนที่หน้าแผนและการนำเข้า',
    noResults: 'แผนปีนี้ยังไม่มีผลการประเมิน ITA: ดาวน์โหลดแบบฟอร์มผล ITA กรอกผลจากระบบ ITAS แล้วนำเข้าด้านล่าง',
    assessment: (y: number) => `ผลการประเมิน ITA ปี พ.ศ. ${y}`,
    previousFrom: (fy: number, y: number) => `คะแนนปีก่อนของข้อคำถามจากแผนปีงบประมาณ พ.ศ. ${fy} (ผล ITA ปี ${y})`,
    noPrevious: 'ไม่มีแผนของปีงบประมาณก่อนหน้าในระบบ: ข้อคำถามจึงไม่มีคะแนนปีก่อน',
    thresholds: (u: string, s: string) => `เกณฑ์: ต่ำกว่า ${u} ต้องแก้ไขเร่งด่วน, ${u}–${s} ต้องพัฒนาให้ดีขึ้น, สูงกว่า ${s} จุดแข็ง`,
    thresholdsSource: { organization: 'เกณฑ์ของหน่วยงาน', default: 'เกณฑ์มาตรฐาน' } as Record<string, string>,
    overall: 'คะแนนภาพรวม',
    downloads: 'ไฟล์ Excel',
    planXlsx: 'ดาวน์โหลดแผน (.xlsx)',
    template: 'ดาวน์โหลดแบบฟอร์มผล ITA (.xlsx)',
    downloading: 'กำลังดาวน์โหลด…',
    uncovered: 'ข้อที่ต้องมีมาตรการ แต่ยังไม่มี',
    uncoveredNone: 'ทุกข้อที่ต้องแก้ไขหรือพัฒนามีมาตรการแล้ว',
    viaSubItems: (n: number[]) => `จากประเด็นย่อยที่ ${n.join(', ')}`,
    indicators: 'ตัวชี้วัด',
    indicator: 'ตัวชี้วัด',
    tool: 'เครื่องมือ',
    previous: (y: number) => `ปี ${y}`,
    current: (y: number) => `ปี ${y}`,
    change: 'เปลี่ยนแปลง',
    class: 'กลุ่ม (คำนวณ)',
    items: (label: string, n: number) => `${label} (${n} ข้อ)`,
    item: 'ข้อ',
    question: 'ข้อคำถาม',
    score: 'คะแนน',
    grade: 'ระดับที่พิมพ์',
    subItems: 'ประเด็นย่อยที่ต่ำกว่าเกณฑ์',
    measures: 'มาตรการ',
    needsMeasure: 'ต้องมีมาตรการ',
    noMeasure: 'ยังไม่มีมาตรการ',
    onlyIncomplete: 'มีเพียงมาตรการที่ไม่ครบถ้วน',
    listedVia: (n: number[]) => `อยู่ในกลุ่มนี้เพราะประเด็นย่อยที่ ${n.join(', ')}`,
    contradiction: (n: number) => `ระดับขัดแย้ง ${n} คู่`,
    contradictionLine: (a: string, b: string) => `${a} ได้ระดับต่ำกว่า ${b} ทั้งที่คะแนนสูงกว่า`,
    departures: 'จุดที่แผนต่างจากคะแนน',
    priorityDeparture: (m: string, i: string, s: string, p: string, c: string) =>
      `มาตรการ ${m} จัดเป็น "${p}" แต่ข้อ ${i} (${s}) อยู่ในกลุ่ม "${c}"`,
    severalClasses: (i: string, s: string, c: string) => `ข้อ ${i} (${s}) อยู่หลายกลุ่ม: ${c}`,
    reference: (m: string, i: string, p: string) =>
      `มาตรการ ${m} อ้างข้อ ${i}: ${p === 'no-result' ? 'ไม่มีในผล ITA' : 'คะแนนไม่ตรงกับผล ITA'}`,
    noDepartures: 'ไม่มี',
    grades: 'ระดับที่พิมพ์ขัดแย้งกัน',
    gradesHint:
      'ระบบจัดกลุ่มจากคะแนนเท่านั้น ระดับ (AA, A, B …) เก็บตามที่พิมพ์ในผล รายการด้านล่างคือคู่คะแนนปีเดียวกันที่คะแนนสูงกว่าแต่ได้ระดับต่ำกว่า',
    gradeBands: 'ช่วงคะแนนของแต่ละระดับ',
    gradePairs: 'คู่คะแนนที่ระดับขัดแย้งกัน',
    file: 'เลือกไฟล์ (.xlsx)',
    toUploads: 'นำเข้าไฟล์ Excel ↓',
    pairs: (n: number) => `${n} คู่`,
    upload: 'นำเข้าไฟล์',
    uploadIta: 'นำเข้าผล ITA (.xlsx)',
    uploadItaHint: 'แบบฟอร์มผล ITA ที่กรอกแล้ว: แทนผล ITA ของแผนปีนี้ เป็นฉบับใหม่ของแผน',
    uploadPlan: 'นำเข้าแผน (.xlsx)',
    uploadPlanHint: 'ไฟล์แผนที่ดาวน์โหลดและแก้ไขใน Excel: ระบบอ่านปีงบประมาณจากชีตแผน',
    checking: 'กำลังตรวจสอบไฟล์…',
    importing: 'กำลังนำเข้า…',
    invalid: (n: number) => `ไฟล์ไม่ถูกต้อง พบปัญหา ${n} รายการ ยังไม่มีการบันทึกใด ๆ แก้ไขตามเซลล์ที่ระบุแล้วเลือกไฟล์ใหม่`,
    cell: 'เซลล์',
    problem: 'ปัญหา',
    status: {
      'would-create': 'ไฟล์ถูกต้อง: เป็นแผนใหม่',
      'would-update': 'ไฟล์ถูกต้อง: ต่างจากที่บันทึกไว้ตามรายการด้านล่าง',
      unchanged: 'ไฟล์ถูกต้อง: เหมือนที่บันทึกไว้ ไม่มีอะไรต้องนำเข้า',
      created: 'นำเข้าแผนใหม่แล้ว',
      updated: 'บันทึกแล้ว',
    } as Record<string, string>,
    revision: (fy: number, r: number | null | undefined) => `แผนปีงบประมาณ พ.ศ. ${fy}${r ? ` ฉบับที่ ${r}` : ''}`,
    changes: (n: number) => `รายการเปลี่ยนแปลง ${n} รายการ`,
    save: 'บันทึกการเปลี่ยนแปลง',
    conflict: 'แผนเปลี่ยนไประหว่างนี้ โปรดตรวจรายการใหม่แล้วยืนยันอีกครั้ง',
  },
  en: {
    title: 'ITA analysis',
    year: 'Plan for fiscal year',
    noPlans: 'No plan yet; import one on the Plans page',
    noResults:
      "This year's plan has no ITA results yet: download the ITA results template, fill it in from the ITAS system and import it below",
    assessment: (y: number) => `ITA results of ${y} BE`,
    previousFrom: (fy: number, y: number) => `Items' previous scores from the plan of fiscal year ${fy} BE (ITA ${y})`,
    noPrevious: 'No plan of the fiscal year before is stored, so items have no previous score',
    thresholds: (u: string, s: string) => `Bands: below ${u} urgent, ${u}–${s} needs improvement, above ${s} strength`,
    thresholdsSource: { organization: "the organization's own", default: 'the defaults' } as Record<string, string>,
    overall: 'Overall score',
    downloads: 'Excel files',
    planXlsx: 'Download the plan (.xlsx)',
    template: 'Download the ITA results template (.xlsx)',
    downloading: 'Downloading…',
    uncovered: 'Items that need a measure and have none',
    uncoveredNone: 'Every urgent or to-improve item has a measure',
    viaSubItems: (n: number[]) => `by sub-item${n.length === 1 ? '' : 's'} ${n.join(', ')}`,
    indicators: 'Indicators',
    indicator: 'Indicator',
    tool: 'Tool',
    previous: (y: number) => `${y}`,
    current: (y: number) => `${y}`,
    change: 'Change',
    class: 'Class (computed)',
    items: (label: string, n: number) => `${label} (${n} item${n === 1 ? '' : 's'})`,
    item: 'Item',
    question: 'Question',
    score: 'Score',
    grade: 'Printed grade',
    subItems: 'Sub-items under the threshold',
    measures: 'Measures',
    needsMeasure: 'Needs a measure',
    noMeasure: 'No measure yet',
    onlyIncomplete: 'Only incomplete measures',
    listedVia: (n: number[]) => `Listed here by sub-item${n.length === 1 ? '' : 's'} ${n.join(', ')}`,
    contradiction: (n: number) => `grade contradicts ${n}`,
    contradictionLine: (a: string, b: string) => `${a} has a lower grade than ${b} though its score is higher`,
    departures: 'Where the plan departs from the scores',
    priorityDeparture: (m: string, i: string, s: string, p: string, c: string) =>
      `Measure ${m} is "${p}" but item ${i} (${s}) is "${c}"`,
    severalClasses: (i: string, s: string, c: string) => `Item ${i} (${s}) is listed in several classes: ${c}`,
    reference: (m: string, i: string, p: string) =>
      `Measure ${m} cites item ${i}: ${p === 'no-result' ? 'not in the ITA results' : 'its score differs from the results'}`,
    noDepartures: 'None',
    grades: 'Printed grades that contradict each other',
    gradesHint:
      'Classes come from the scores only; grades (AA, A, B …) are kept as printed. Listed below: pairs of scores of one year where the higher score has the lower grade.',
    gradeBands: 'Scores printed with each grade',
    gradePairs: 'The pairs whose grades contradict each other',
    file: 'Choose a file (.xlsx)',
    toUploads: 'Import Excel files ↓',
    pairs: (n: number) => `${n} pair${n === 1 ? '' : 's'}`,
    upload: 'Import a file',
    uploadIta: 'Import ITA results (.xlsx)',
    uploadItaHint: "The filled-in ITA results template: it replaces this year's plan's ITA results, as a new revision",
    uploadPlan: 'Import a plan (.xlsx)',
    uploadPlanHint: 'The plan workbook, downloaded and edited in Excel: its fiscal year is read from its plan sheet',
    checking: 'Checking the file…',
    importing: 'Importing…',
    invalid: (n: number) =>
      `The file is not valid: ${n} problem${n === 1 ? '' : 's'}. Nothing was saved; correct the cells named and choose the file again`,
    cell: 'Cell',
    problem: 'Problem',
    status: {
      'would-create': 'The file is valid: a new plan',
      'would-update': 'The file is valid: it differs from what is stored as listed below',
      unchanged: 'The file is valid: identical to what is stored, nothing to import',
      created: 'The new plan was imported',
      updated: 'Saved',
    } as Record<string, string>,
    revision: (fy: number, r: number | null | undefined) =>
      `Plan for fiscal year ${fy} BE${r ? `, revision ${r}` : ''}`,
    changes: (n: number) => `${n} change${n === 1 ? '' : 's'}`,
    save: 'Save the changes',
    conflict: 'The plan changed meanwhile: review the new changes and confirm again',
  },
};

const fmt = (score: number | null | undefined) => (score === null || score === undefined ? '–' : score.toFixed(2));

function Change({ change }: { change: number | null }) {
  if (change === null) return <span className="muted">–</span>;
  const sign = change > 0 ? '▲ +' : change < 0 ? '▼ −' : '';
  const color = change > 0 ? 'var(--green)' : change < 0 ? 'var(--red)' : undefined;
  return <span style={{ color, whiteSpace: 'nowrap' }}>{`${sign}${Math.abs(change).toFixed(2)}`}</span>;
}

function ClassBadge({ value }: { value: ItaClass | null }) {
  const c = useCommon();
  if (!value) return <span className="muted">–</span>;
  return <Badge light={CLASS_LIGHT[value]}>{c.itaClass[value]}</Badge>;
}

export function ItaPage({ fiscalYear: chosen }: { fiscalYear?: number }) {
  const t = useText(TEXT);
  const { me } = useAuth();
  const can = abilities(me);
  const organization = me?.organization ?? '';
  const orgs = useLoad(() => api.GET('/api/organizations'), [organization]);
  const plans = [...(orgs.data?.[0]?.plans ?? [])].sort((a, b) => b.fiscalYear - a.fiscalYear);
  const fiscalYear = chosen && plans.some((p) => p.fiscalYear === chosen) ? chosen : plans[0]?.fiscalYear;
  const path = { organization, fiscalYear: fiscalYear ?? 0 };
  const analysis = useLoad(
    () =>
      organization && fiscalYear
        ? api.GET('/api/organizations/{organization}/plans/{fiscalYear}/ita/analysis', { params: { path } })
        : NOTHING,
    [organization, fiscalYear],
  );
  const measures = useLoad(
    () =>
      organization && fiscalYear
        ? api.GET('/api/organizations/{organization}/plans/{fiscalYear}/measures', { params: { path } })
        : NOTHING,
    [organization, fiscalYear],
  );
  const titles = new Map((measures.data ?? []).map((m) => [m.code, m.title]));
  const reload = async () => {
    await Promise.all([orgs.reload(), analysis.reload(), measures.reload()]);
  };

  // Only the first load: a reload after an import keeps the page (and the upload's report) in place.
  if (orgs.loading && !orgs.data) return <Loading />;
  const a = analysis.data;
  return (
    <Page
      title={t.title}
      actions={
        plans.length > 0 && (
          <label className="field">
            {t.year}{' '}
            <select value={fiscalYear} onChange={(e) => navigate(`/ita/${e.target.value}`)}>
              {plans.map((p) => (
                <option key={p.fiscalYear} value={p.fiscalYear}>
                  {p.fiscalYear}
                </option>
              ))}
            </select>
          </label>
        )
      }
    >
      <ErrorNote problem={orgs.problem} />
      {!fiscalYear ? (
        <p className="muted">{t.noPlans}</p>
      ) : (
        <>
          <Downloads organization={organization} fiscalYear={fiscalYear} uploads={can.plans} />
          {analysis.loading && !a ? (
            <Loading />
          ) : !a ? (
            analysis.problem?.problems?.[0]?.path === 'ita' ? (
              <p className="card">{t.noResults}</p>
            ) : (
              <ErrorNote problem={analysis.problem} />
            )
          ) : (
            <AnalysisView analysis={a} titles={titles} fiscalYear={fiscalYear} />
          )}
          <YearOverYear
            organization={organization}
            fiscalYear={fiscalYear}
            laterYears={plans.map((p) => p.fiscalYear).filter((y) => y > fiscalYear)}
          />
          {can.plans && <Uploads organization={organization} fiscalYear={fiscalYear} onImported={reload} />}
        </>
      )}
    </Page>
  );
}

const YEAR_TEXT = {
  th: {
    title: (from: number, to: number) => `ผลจากปีงบประมาณ ${from} สู่ปีงบประมาณ ${to}`,
    compareWith: 'เทียบกับปีงบประมาณ',
    item: 'ข้อ',
    last: (y: number) => `คะแนนปี ${y}`,
    measures: 'มาตรการที่ดำเนินการ (ขั้นตอนที่เสร็จ)',
    now: (y: number) => `คะแนนปี ${y}`,
    change: 'เปลี่ยนแปลง',
    none: 'ไม่มีมาตรการ',
    sameResults: (y: number) =>
      `แผนปีงบประมาณ ${y} ยังใช้ผลการประเมิน ITA ชุดเดิม (ต่อยอดมาตรการโดยยังไม่มีผลการประเมินปีใหม่) จึงยังเทียบคะแนนไม่ได้`,
  },
  en: {
    title: (from: number, to: number) => `From fiscal year ${from} to ${to}`,
    compareWith: 'Compare with fiscal year',
    item: 'Item',
    last: (y: number) => `Score ${y}`,
    measures: 'Measures run (steps done)',
    now: (y: number) => `Score ${y}`,
    change: 'Change',
    none: 'no measure',
    sameResults: (y: number) =>
      `The FY${y} plan still carries the same ITA results (a rollover without new results), so there is no later score yet`,
  },
};

/** Each item's score in a year, the measures run for it with the share of their steps done, and a later year's score. */
function YearOverYear({
  organization,
  fiscalYear,
  laterYears,
}: {
  organization: string;
  fiscalYear: number;
  laterYears: number[];
}) {
  const t = useText(YEAR_TEXT);
  const [chosen, setChosen] = useState<number | undefined>(undefined);
  const later = chosen && laterYears.includes(chosen) ? chosen : [...laterYears].sort((x, y) => x - y)[0];
  const view = useLoad(
    () =>
      later
        ? api.GET('/api/organizations/{organization}/plans/{fiscalYear}/ita/year-over-year', {
            params: { path: { organization, fiscalYear }, query: { compareWith: String(later) } },
          })
        : NOTHING,
    [organization, fiscalYear, later],
  );
  if (!later) return null;
  const v = view.data;
  return (
    <section aria-labelledby="ita-year-over-year">
      <h2 id="ita-year-over-year">{t.title(fiscalYear, later)}</h2>
      {laterYears.length > 1 && (
        <label className="field">
          {t.compareWith}{' '}
          <select value={later} onChange={(e) => setChosen(Number(e.target.value))}>
            {laterYears.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
      )}
      <ErrorNote problem={view.problem} />
      {view.loading && !v ? (
        <Loading />
      ) : v ? (
        <>
          {v.sameResults && <p className="muted">{t.sameResults(later)}</p>}
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t.item}</th>
                  <th scope="col">{t.last(fiscalYear)}</th>
                  <th scope="col">{t.measures}</th>
                  <th scope="col">{t.now(later)}</th>
                  <th scope="col">{t.change}</th>
                </tr>
              </thead>
              <tbody>
                {v.items.map((i) => (
                  <tr key={i.code} data-item={i.code}>
                    <th scope="row" style={{ background: 'none' }}>
                      {i.code} <span className="muted">{shorten(i.text, 60)}</span>
                    </th>
                    <td>
                      {fmt(i.last.score)} <ClassBadge value={i.last.class} />
                    </td>
                    <td>
                      {i.measures.length === 0 ? (
                        <span className="muted">{t.none}</span>
                      ) : (
                        i.measures.map((m) => (
                          <div key={m.code}>
                            {m.code}: {m.share === null ? '–' : `${Math.round(m.share * 100)}%`} ({m.stepsDone}/
                            {m.steps})
                          </div>
                        ))
                      )}
                    </td>
                    <td>
                      {i.current ? (
                        <>
                          {fmt(i.current.score)} <ClassBadge value={i.current.class} />
                        </>
                      ) : (
                        <span className="muted">–</span>
                      )}
                    </td>
                    <td>
                      <Change change={i.change} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </section>
  );
}

function AnalysisView({
  analysis: a,
  titles,
  fiscalYear,
}: {
  analysis: Analysis;
  titles: Map<string, string>;
  fiscalYear: number;
}) {
  const t = useText(TEXT);
  const c = useCommon();
  const byCode = new Map(a.items.map((i) => [i.code, i]));
  return (
    <>
      <section className="card" aria-labelledby="ita-summary">
        <h2 id="ita-summary">{t.assessment(a.assessmentYear)}</h2>
        <p>
          {t.overall}: {fmt(a.overall.previousScore)} ({a.previousYear}) → <strong>{fmt(a.overall.score)}</strong> (
          {a.assessmentYear}) <Change change={a.overall.change} />
          {a.overall.grade ? ` · ${a.overall.grade}` : ''}
        </p>
        <p>
          {t.thresholds(fmt(a.thresholds.urgentBelow), fmt(a.thresholds.strengthAbove))} (
          {t.thresholdsSource[a.thresholdsSource]})
        </p>
        <p className="muted">
          {a.previousResults
            ? t.previousFrom(a.previousResults.fiscalYear, a.previousResults.assessmentYear)
            : t.noPrevious}
        </p>
      </section>

      <section
        aria-labelledby="ita-uncovered"
        className={a.uncovered.length ? 'error' : 'ok'}
        style={{ margin: '12px 0' }}
      >
        <h2 id="ita-uncovered" style={{ marginTop: 0 }}>
          {t.uncovered} ({a.uncovered.length})
        </h2>
        {a.uncovered.length === 0 ? (
          <p>{t.uncoveredNone}</p>
        ) : (
          <ul>
            {a.uncovered.map((u) => (
              <li key={u.code}>
                <strong>{u.code}</strong> <ClassBadge value={u.class} /> {fmt(u.score)}
                {u.viaSubItems.length > 0 && ` · ${t.viaSubItems(u.viaSubItems)}`} · {byCode.get(u.code)?.text}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="ita-indicators">
        <h2 id="ita-indicators">{t.indicators}</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t.indicator}</th>
                <th scope="col">{t.tool}</th>
                <th scope="col">{t.previous(a.previousYear)}</th>
                <th scope="col">{t.current(a.assessmentYear)}</th>
                <th scope="col">{t.change}</th>
                <th scope="col">{t.class}</th>
              </tr>
            </thead>
            <tbody>
              {a.indicators.map((ind) => (
                <tr key={ind.number}>
                  <th scope="row" style={{ background: 'none', fontWeight: 'normal' }}>
                    {ind.number}. {ind.name}
                  </th>
                  <td>{ind.tool}</td>
                  <td>{fmt(ind.previousScore)}</td>
                  <td>{fmt(ind.score)}</td>
                  <td>
                    <Change change={ind.change} />
                  </td>
                  <td>
                    <ClassBadge value={ind.class} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      {CLASSES.map((k) => (
        <ClassSection key={k} value={k} analysis={a} titles={titles} fiscalYear={fiscalYear} />
      ))}

      <section aria-labelledby="ita-departures">
        <h2 id="ita-departures">{t.departures}</h2>
        {a.departures.measurePriority.length +
          a.departures.itemsInSeveralClasses.length +
          a.departures.measureReferences.length ===
        0 ? (
          <p className="muted">{t.noDepartures}</p>
        ) : (
          <ul>
            {a.departures.measurePriority.map((d) => (
              <li key={`p-${d.measure}-${d.item}`}>
                {t.priorityDeparture(
                  d.measure,
                  d.item,
                  fmt(d.score),
                  c.itaClass[d.priority],
                  d.itemClasses.map((x) => c.itaClass[x]).join(', '),
                )}
              </li>
            ))}
            {a.departures.itemsInSeveralClasses.map((d) => (
              <li key={`s-${d.code}`}>
                {t.severalClasses(d.code, fmt(d.score), d.listedIn.map((x) => c.itaClass[x]).join(', '))}
              </li>
            ))}
            {a.departures.measureReferences.map((d) => (
              <li key={`r-${d.measure}-${d.item}`}>{t.reference(d.measure, d.item, d.problem)}</li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="ita-grades">
        <h2 id="ita-grades">
          {t.grades} ({t.pairs(a.gradeContradictions.length)})
        </h2>
        <p className="muted">{t.gradesHint}</p>
        {a.gradeContradictions.length > 0 && (
          <details>
            <summary>{t.gradePairs}</summary>
            <ul>
              {a.gradeContradictions.map((g, i) => (
                <li key={i}>
                  {g.year}: {t.contradictionLine(scoreName(g.higher), scoreName(g.lower))}
                </li>
              ))}
            </ul>
          </details>
        )}
        <details>
          <summary>{t.gradeBands}</summary>
          <div className="table-wrap">
            <table style={{ maxWidth: 480 }}>
              <tbody>
                {a.gradeBands.map((b) => (
                  <tr key={`${b.year}-${b.grade}`}>
                    <th scope="row">
                      {b.year} · {b.grade}
                    </th>
                    <td>
                      {fmt(b.min)}–{fmt(b.max)} ({b.count})
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      </section>
    </>
  );
}

/** Where a graded score came from, in a few words: "E6 84.02 A", "I11.2 91.68 A", "ตัวชี้วัด 7 …". */
function scoreName(s: Schemas['ItaAnalysis']['gradeContradictions'][number]['higher']): string {
  const where =
    s.source.kind === 'overall'
      ? '∑'
      : s.source.kind === 'indicator'
        ? `#${s.source.indicator}`
        : s.source.kind === 'sub-item'
          ? `${s.source.code}.${s.source.subItem}`
          : (s.source.code ?? '');
  return `${where} ${s.score.toFixed(2)} ${s.grade}`;
}

function ClassSection({
  value,
  analysis: a,
  titles,
  fiscalYear,
}: {
  value: ItaClass;
  analysis: Analysis;
  titles: Map<string, string>;
  fiscalYear: number;
}) {
  const t = useText(TEXT);
  const c = useCommon();
  const items = a.items.filter((i) => i.listedIn.includes(value));
  const id = `ita-class-${value}`;
  /** The contradictions an item's own score (or one of its sub-items') is part of. */
  const contradictions = (item: Item) =>
    a.gradeContradictions.filter((g) => g.higher.source.code === item.code || g.lower.source.code === item.code);
  return (
    <section aria-labelledby={id}>
      <h2 id={id} style={{ borderLeft: `6px solid var(--${CLASS_LIGHT[value]})`, paddingLeft: 8 }}>
        {t.items(c.itaClass[value], items.length)}
      </h2>
      {items.length === 0 ? (
        <p className="muted">{c.none}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t.item}</th>
                <th scope="col">{t.question}</th>
                <th scope="col">{t.score}</th>
                <th scope="col">{t.grade}</th>
                <th scope="col">{t.class}</th>
                <th scope="col">{t.subItems}</th>
                <th scope="col">{t.measures}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => {
                const uncovered = item.needsMeasure && item.measures.length === 0;
                const via = item.class === value ? [] : item.subItems.filter((s) => s.flagged && s.class === value);
                const clashes = contradictions(item);
                return (
                  <tr key={item.code} style={uncovered ? NEEDS_MEASURE_ROW : undefined}>
                    <th scope="row" style={{ background: 'none', whiteSpace: 'nowrap' }}>
                      {item.code}
                      <div className="muted" style={{ fontWeight: 'normal' }}>
                        {t.indicator} {item.indicator}
                      </div>
                    </th>
                    <td style={{ minWidth: 240 }}>
                      {item.text}
                      {via.length > 0 && <div className="muted">{t.listedVia(via.map((s) => s.number))}</div>}
                    </td>
                    <td style={{ whiteSpace: 'nowrap' }}>
                      <strong>{fmt(item.score)}</strong>
                      {item.previousScore !== null && (
                        <div className="muted">
                          {fmt(item.previousScore)} ({item.previousYear}) <Change change={item.change} />
                        </div>
                      )}
                    </td>
                    <td style={{ minWidth: 110 }}>
                      {item.grade ?? '–'}
                      {clashes.length > 0 && (
                        <details>
                          <summary style={{ color: 'var(--amber)', cursor: 'pointer' }}>
                            <span aria-hidden="true">⚠ </span>
                            {t.contradiction(clashes.length)}
                          </summary>
                          <ul style={{ margin: 0, paddingLeft: 16, minWidth: 220 }}>
                            {clashes.slice(0, 8).map((g, i) => (
                              <li key={i}>{t.contradictionLine(scoreName(g.higher), scoreName(g.lower))}</li>
                            ))}
                            {clashes.length > 8 && <li>…</li>}
                          </ul>
                        </details>
                      )}
                    </td>
                    <td>
                      <ClassBadge value={item.class} />
                    </td>
                    <td>
                      {item.subItems.filter((s) => s.flagged).length === 0 ? (
                        <span className="muted">–</span>
                      ) : (
                        <ul style={{ margin: 0, paddingLeft: 16 }}>
                          {item.subItems
                            .filter((s) => s.flagged)
                            .map((s) => (
                              <li key={s.number}>
                                {s.number}. {s.text}: {fmt(s.score)} {s.grade ?? ''} <ClassBadge value={s.class} />
                              </li>
                            ))}
                        </ul>
                      )}
                    </td>
                    <td>
                      {item.measures.length > 0 ? (
                        <ul style={{ margin: 0, paddingLeft: 16 }}>
                          {item.measures.map((m) => (
                            <li key={m}>
                              <a href={href('measures', fiscalYear, m)} title={titles.get(m)}>
                                {m}
                              </a>
                              {titles.get(m) ? <div className="muted">{shorten(titles.get(m)!, 60)}</div> : null}
                            </li>
                          ))}
                        </ul>
                      ) : null}
                      {item.coveredOnlyByIncomplete && <Badge light="amber">{t.onlyIncomplete}</Badge>}
                      {uncovered && (
                        <Badge light="red">
                          {t.needsMeasure}: {t.noMeasure}
                        </Badge>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** A file the API serves behind sign-in: fetched with the token, then saved under its own name. */
async function saveFile(url: string, fallbackName: string): Promise<ApiProblem | null> {
  const response = await authorizedFetch(url);
  if (!response.ok) return problemOf(await response.json().catch(() => ({ message: response.statusText })));
  const name = /filename\*=UTF-8''([^;]+)/.exec(response.headers.get('Content-Disposition') ?? '')?.[1] ?? fallbackName;
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await response.blob());
  link.download = decodeURIComponent(name);
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  return null;
}

function Downloads({
  organization,
  fiscalYear,
  uploads,
}: {
  organization: string;
  fiscalYear: number;
  uploads: boolean;
}) {
  const t = useText(TEXT);
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const base = `/api/organizations/${encodeURIComponent(organization)}/plans/${fiscalYear}`;
  const get = async (what: string, url: string, name: string) => {
    setBusy(what);
    setProblem(await saveFile(url, name));
    setBusy(null);
  };
  return (
    <section aria-labelledby="ita-downloads" className="panel" style={{ margin: '12px 0' }}>
      <h2 id="ita-downloads" style={{ marginTop: 0 }}>
        {t.downloads}
      </h2>
      <div className="row">
        <button
          type="button"
          disabled={!!busy}
          onClick={() => void get('plan', `${base}/plan.xlsx`, `plan-${organization}-${fiscalYear}.xlsx`)}
        >
          {busy === 'plan' ? t.downloading : t.planXlsx}
        </button>
        <button
          type="button"
          disabled={!!busy}
          onClick={() =>
            void get('template', `${base}/ita/template.xlsx`, `ita-results-${organization}-${fiscalYear}.xlsx`)
          }
        >
          {busy === 'template' ? t.downloading : t.template}
        </button>
        {uploads && (
          <button
            type="button"
            className="link"
            onClick={() => document.getElementById('ita-uploads')?.scrollIntoView({ behavior: 'smooth' })}
          >
            {t.toUploads}
          </button>
        )}
      </div>
      <ErrorNote problem={problem} />
    </section>
  );
}

function Uploads({
  organization,
  fiscalYear,
  onImported,
}: {
  organization: string;
  fiscalYear: number;
  onImported(): Promise<void>;
}) {
  const t = useText(TEXT);
  return (
    <section aria-labelledby="ita-uploads">
      <h2 id="ita-uploads">{t.upload}</h2>
      <SheetUpload
        id="upload-ita"
        title={t.uploadIta}
        hint={t.uploadItaHint}
        url={`/api/organizations/${encodeURIComponent(organization)}/plans/${fiscalYear}/ita`}
        onImported={onImported}
      />
      <SheetUpload
        id="upload-plan"
        title={t.uploadPlan}
        hint={t.uploadPlanHint}
        url="/api/plans/import"
        onImported={onImported}
      />
    </section>
  );
}

type Stage =
  | { kind: 'idle' }
  | { kind: 'invalid'; refusal: ImportRefusal }
  | { kind: 'checked'; result: ImportResult; conflict?: boolean }
  | { kind: 'done'; result: ImportResult };

/** Sends the workbook's bytes as they are. */
async function sendWorkbook(url: string, file: File, query: { dryRun?: boolean; confirm?: string }) {
  const params = new URLSearchParams();
  if (query.dryRun) params.set('dryRun', 'true');
  if (query.confirm) params.set('confirm', query.confirm);
  const response = await authorizedFetch(`${url}${params.size ? `?${params}` : ''}`, {
    method: 'POST',
    headers: { 'Content-Type': XLSX },
    body: file,
  });
  const body: unknown = await response.json().catch(() => ({ message: `${response.status} ${response.statusText}` }));
  return { status: response.status, ok: response.ok, body };
}

/**
 * One .xlsx upload: checked at once (a dry run), its problems listed by cell or its changes shown;
 * saved with the base hash of the diff shown, so a plan changed meanwhile is shown again.
 */
function SheetUpload({
  id,
  title,
  hint,
  url,
  onImported,
}: {
  id: string;
  title: string;
  hint: string;
  url: string;
  onImported(): Promise<void>;
}) {
  const t = useText(TEXT);
  const [file, setFile] = useState<File | null>(null);
  const [stage, setStage] = useState<Stage>({ kind: 'idle' });
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const send = async (chosen: File, query: { dryRun?: boolean; confirm?: string }) => {
    setBusy(query.dryRun ? t.checking : t.importing);
    setProblem(null);
    try {
      const answer = await sendWorkbook(url, chosen, query);
      if (answer.ok) {
        const result = answer.body as ImportResult;
        setStage(query.dryRun ? { kind: 'checked', result } : { kind: 'done', result });
        if (!query.dryRun) await onImported();
      } else if (answer.status === 422) {
        setStage({ kind: 'invalid', refusal: problemOf(answer.body) });
      } else if (answer.status === 409 && (answer.body as ImportRefusal).preview) {
        setStage({ kind: 'checked', result: (answer.body as ImportRefusal).preview!, conflict: true });
      } else {
        setProblem(problemOf(answer.body));
      }
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="card" aria-labelledby={`${id}-h`} role="group">
      <h3 id={`${id}-h`} style={{ marginTop: 0 }}>
        {title}
      </h3>
      <div className="form">
        <label>
          {t.file}
          <input
            type="file"
            accept={`.xlsx,${XLSX}`}
            aria-describedby={`${id}-hint`}
            disabled={!!busy}
            onChange={(e) => {
              const chosen = e.target.files?.[0] ?? null;
              setFile(chosen);
              setStage({ kind: 'idle' });
              if (chosen) void send(chosen, { dryRun: true });
            }}
          />
        </label>
        <p id={`${id}-hint`} className="muted" style={{ margin: 0 }}>
          {hint}
        </p>
      </div>
      <div role="status">{busy && <p className="muted">{busy}</p>}</div>
      <ErrorNote problem={problem} />

      {stage.kind === 'invalid' && (
        <div className="error" role="alert">
          <p>
            <strong>{t.invalid(stage.refusal.problems?.length ?? 0)}</strong>
          </p>
          <CellProblems problems={stage.refusal.problems ?? []} headings={t} />
        </div>
      )}

      {(stage.kind === 'checked' || stage.kind === 'done') && (
        <div className={stage.kind === 'done' ? 'ok' : undefined} role="status">
          {stage.kind === 'checked' && stage.conflict && <p className="error">{t.conflict}</p>}
          <p>
            <strong>{t.status[stage.result.status] ?? stage.result.status}</strong>
          </p>
          <p>{t.revision(stage.result.fiscalYear, stage.result.revision)}</p>
          {stage.result.changes.length > 0 && (
            <details open={stage.result.changes.length <= 20}>
              <summary>{t.changes(stage.result.changes.length)}</summary>
              <ul>
                {stage.result.changes.map((ch, i) => (
                  <li key={i}>
                    <code>{ch.path}</code>
                    {'before' in ch || 'after' in ch ? (
                      <>
                        : {short(ch.before)} → {short(ch.after)}
                      </>
                    ) : null}
                  </li>
                ))}
              </ul>
            </details>
          )}
          {stage.kind === 'checked' && stage.result.status !== 'unchanged' && file && (
            <div className="row">
              <button
                type="button"
                className="primary"
                disabled={!!busy}
                onClick={() => void send(file, { confirm: stage.result.baseHash ?? undefined })}
              >
                {t.save}
              </button>
            </div>
          )}
        </div>
      )}
    </div>
  );
}

function short(value: unknown): string {
  if (value === undefined || value === null) return '–';
  return shorten(typeof value === 'string' ? value : JSON.stringify(value), 80);
}

function shorten(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length)}…` : text;
}
