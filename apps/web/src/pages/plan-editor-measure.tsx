/**
 * One measure of a plan draft, as a form: its issue and ITA items, its steps (text, quarters,
 * owners: the responsible units, all units, or the units named), responsible units and lead unit,
 * monitoring guidelines with the steps each evidences, and its reporting lines (cadence,
 * recipient, reporting unit). Each field shows the validator's problems at its path as the
 * planner types (the page asks the API; this only shows them).
 */
import { createContext, useContext, type ReactNode } from 'react';
import type { Schemas } from '../api/client';
import { useCommon, useText } from '../i18n';

export type PlanDocument = Schemas['PlanDocument'];
export type DocMeasure = PlanDocument['measures'][number];
type Step = DocMeasure['steps'][number];
type Guideline = DocMeasure['monitoringGuidelines'][number];
type Line = DocMeasure['reporting'][number];
type Problem = Schemas['FieldProblem'];
type Unit = PlanDocument['units'][number];

export const ALL = 'ALL';

const TEXT = {
  th: {
    code: 'รหัสมาตรการ',
    title: 'ประเด็น (ชื่อมาตรการ)',
    group: 'กลุ่มผู้มีส่วนได้ส่วนเสีย',
    groups: { internal: 'ภายใน (IIT)', external: 'ภายนอก (EIT)' } as Record<string, string>,
    priority: 'ระดับ',
    priorities: { urgent: 'ต้องแก้ไขเร่งด่วน', improve: 'ต้องพัฒนาให้ดีขึ้น' } as Record<string, string>,
    indicator: 'ตัวชี้วัดที่',
    items: 'ข้อการประเมิน ITA ที่มาตรการนี้ตอบ',
    itemCode: (n: number) => `รหัสข้อที่ ${n}`,
    itemScore: (n: number) => `คะแนนข้อที่ ${n}`,
    itemGrade: (n: number) => `ระดับข้อที่ ${n}`,
    addItem: 'เพิ่มข้อการประเมิน',
    noGrade: '–',
    steps: 'ขั้นตอนดำเนินการ',
    stepText: (n: number) => `ขั้นตอนที่ ${n}`,
    quarters: (n: number) => `ไตรมาสของขั้นตอนที่ ${n}`,
    assumed: (n: number) => `ช่วงเวลาขั้นตอนที่ ${n} เป็นการสันนิษฐาน`,
    owners: (n: number) => `ผู้ดำเนินการขั้นตอนที่ ${n}`,
    ownersResponsible: 'หน่วยงานที่รับผิดชอบทั้งหมด',
    ownersAll: 'ทุกส่วนงาน',
    ownersNamed: 'ระบุหน่วยงาน',
    addStep: 'เพิ่มขั้นตอน',
    removeStep: (n: number) => `ลบขั้นตอนที่ ${n}`,
    up: (n: number) => `เลื่อนขั้นตอนที่ ${n} ขึ้น`,
    responsible: 'หน่วยงานที่รับผิดชอบ',
    responsibleText: 'หน่วยงานที่รับผิดชอบ (ตามที่เขียนในเอกสาร)',
    leadUnit: 'หน่วยงานหลัก',
    noLead: '(ไม่ระบุ)',
    guidelines: 'แนวทางการกำกับติดตาม',
    guideline: (n: number) => `แนวทางการกำกับติดตามข้อ ${n}`,
    evidences: (n: number) => `ขั้นตอนที่แนวทางข้อ ${n} เป็นหลักฐาน`,
    everyStep: 'ทุกขั้นตอน',
    someSteps: 'เฉพาะขั้นตอน',
    addGuideline: 'เพิ่มแนวทาง',
    removeGuideline: (n: number) => `ลบแนวทางข้อ ${n}`,
    reporting: 'การรายงานผล',
    cadence: (n: number) => `ความถี่การรายงาน รายการที่ ${n}`,
    recipient: (n: number) => `รายงานต่อ รายการที่ ${n}`,
    recipients: {
      'director-or-delegate': 'ผู้อำนวยการ หรือผู้ที่ผู้อำนวยการมอบหมาย',
      executives: 'ผู้บริหาร',
    } as Record<string, string>,
    from: (n: number) => `หน่วยงานผู้รายงาน รายการที่ ${n}`,
    fromDefault: '(หน่วยงานหลัก หรือหน่วยงานที่รับผิดชอบ)',
    lineText: (n: number) => `ข้อความการรายงาน รายการที่ ${n}`,
    addLine: 'เพิ่มการรายงาน',
    removeLine: (n: number) => `ลบการรายงานรายการที่ ${n}`,
    incomplete: 'ยังไม่ครบถ้วน (ระบบจะข้ามมาตรการนี้เมื่อเริ่มใช้แผน)',
    notes: 'หมายเหตุ (บรรทัดละหนึ่งข้อ)',
    remove: 'ลบ',
  },
  en: {
    code: 'Measure code',
    title: 'Issue (measure title)',
    group: 'Stakeholder group',
    groups: { internal: 'Internal (IIT)', external: 'External (EIT)' } as Record<string, string>,
    priority: 'Priority',
    priorities: { urgent: 'Urgent', improve: 'Needs improvement' } as Record<string, string>,
    indicator: 'Indicator',
    items: 'ITA items this measure answers',
    itemCode: (n: number) => `Code of item ${n}`,
    itemScore: (n: number) => `Score of item ${n}`,
    itemGrade: (n: number) => `Grade of item ${n}`,
    addItem: 'Add an item',
    noGrade: '–',
    steps: 'Steps',
    stepText: (n: number) => `Step ${n}`,
    quarters: (n: number) => `Quarters of step ${n}`,
    assumed: (n: number) => `The schedule of step ${n} is assumed`,
    owners: (n: number) => `Who carries out step ${n}`,
    ownersResponsible: 'Every responsible unit',
    ownersAll: 'All units',
    ownersNamed: 'The units named',
    addStep: 'Add a step',
    removeStep: (n: number) => `Remove step ${n}`,
    up: (n: number) => `Move step ${n} up`,
    responsible: 'Responsible units',
    responsibleText: 'Responsible units (as the document words it)',
    leadUnit: 'Lead unit',
    noLead: '(none)',
    guidelines: 'Monitoring guidelines',
    guideline: (n: number) => `Monitoring guideline ${n}`,
    evidences: (n: number) => `Steps guideline ${n} evidences`,
    everyStep: 'Every step',
    someSteps: 'Only these steps',
    addGuideline: 'Add a guideline',
    removeGuideline: (n: number) => `Remove guideline ${n}`,
    reporting: 'Reporting',
    cadence: (n: number) => `Cadence of report line ${n}`,
    recipient: (n: number) => `Recipient of report line ${n}`,
    recipients: {
      'director-or-delegate': 'The Director or his delegate',
      executives: 'The executives',
    } as Record<string, string>,
    from: (n: number) => `Reporting unit of line ${n}`,
    fromDefault: '(the lead unit, or the responsible units)',
    lineText: (n: number) => `Text of report line ${n}`,
    addLine: 'Add a report line',
    removeLine: (n: number) => `Remove report line ${n}`,
    incomplete: 'Incomplete (activation skips this measure)',
    notes: 'Notes (one per line)',
    remove: 'Remove',
  },
};

/** The problems and warnings of the document, by path, for the fields to show at their place. */
export const ProblemsContext = createContext<{ problems: Problem[]; warnings: Problem[] }>({
  problems: [],
  warnings: [],
});

const within = (path: string, prefix: string) =>
  path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`);

/** Problems at `path` exactly, or (with `nested`) anywhere under it. */
export function useProblems(path: string, nested = false): { problems: Problem[]; warnings: Problem[] } {
  const all = useContext(ProblemsContext);
  const pick = (list: Problem[]) => list.filter((p) => (nested ? within(p.path, path) : p.path === path));
  return { problems: pick(all.problems), warnings: pick(all.warnings) };
}

/** The problems of a field, right under it; each names the path it was found at. */
export function FieldProblems({ path, nested = false, id }: { path: string; nested?: boolean; id?: string }) {
  const { problems, warnings } = useProblems(path, nested);
  if (!problems.length && !warnings.length) return null;
  return (
    <ul className="field-problems" id={id}>
      {problems.map((p, i) => (
        <li key={`p${i}`} className="problem">
          <span aria-hidden="true">✗ </span>
          <code>{p.path}</code>: {p.message}
        </li>
      ))}
      {warnings.map((p, i) => (
        <li key={`w${i}`} className="warning">
          <span aria-hidden="true">! </span>
          <code>{p.path}</code>: {p.message}
        </li>
      ))}
    </ul>
  );
}

const QUARTERS = [1, 2, 3, 4] as const;
const CADENCES = ['semiannual', 'yearly', 'monthly'] as const;
const RECIPIENTS = ['director-or-delegate', 'executives'] as const;
const GRADES = ['AA', 'A', 'B', 'C', 'D', 'E', 'F'] as const;

/** A blank measure for the planner to fill in. */
export function blankMeasure(code: string): DocMeasure {
  return {
    code,
    stakeholderGroup: 'internal',
    priority: 'improve',
    indicator: 1,
    title: '',
    items: [],
    steps: [],
    responsibleUnits: [],
    monitoringGuidelines: [],
    reporting: [{ cadence: 'semiannual', recipient: 'director-or-delegate' }],
    incomplete: false,
  };
}

/** Steps renumbered 1..n after a change, with the guidelines' references to them kept pointing at the same steps. */
function withSteps(m: DocMeasure, steps: Step[], moved: Array<number | null>): DocMeasure {
  // moved[i]: the old number of the step now at position i (null: a new step).
  const renumber = new Map(moved.map((old, i) => [old, i + 1]));
  return {
    ...m,
    steps: steps.map((s, i) => ({ ...s, number: i + 1 })),
    monitoringGuidelines: m.monitoringGuidelines.map((g) =>
      g.steps
        ? { ...g, steps: g.steps.flatMap((n) => (renumber.has(n) ? [renumber.get(n)!] : [])).sort((a, b) => a - b) }
        : g,
    ),
  };
}

export function MeasureEditor({
  measure: m,
  index,
  units,
  onChange,
  readOnly,
}: {
  measure: DocMeasure;
  index: number;
  units: Unit[];
  onChange(next: DocMeasure): void;
  readOnly: boolean;
}) {
  const t = useText(TEXT);
  const c = useCommon();
  const at = (field: string) => `measures[${index}]${field}`;
  const set = (patch: Partial<DocMeasure>) => onChange({ ...m, ...patch });
  const unitName = (code: string) => (code === ALL ? t.ownersAll : (units.find((u) => u.code === code)?.name ?? code));
  const hasAll = m.responsibleUnits.includes(ALL);
  // The units a step or the lead may name: the responsible ones, or every unit when they include ALL.
  const candidates = hasAll ? units.map((u) => u.code) : m.responsibleUnits.filter((u) => u !== ALL);
  const setStep = (k: number, patch: Partial<Step>) =>
    set({ steps: m.steps.map((s, i) => (i === k ? { ...s, ...patch } : s)) });
  const setGuideline = (k: number, patch: Partial<Guideline>) =>
    set({ monitoringGuidelines: m.monitoringGuidelines.map((g, i) => (i === k ? { ...g, ...patch } : g)) });
  const setLine = (k: number, patch: Partial<Line>) =>
    set({ reporting: m.reporting.map((r, i) => (i === k ? { ...r, ...patch } : r)) });
  const toggle = <T,>(list: T[], value: T, on: boolean) =>
    on ? [...list.filter((x) => x !== value), value] : list.filter((x) => x !== value);

  return (
    <fieldset className="measure-form" disabled={readOnly}>
      <legend>
        {m.code} {m.title && `· ${m.title}`}
      </legend>
      <div className="grid-2">
        <label>
          {t.code}
          <input aria-label={t.code} value={m.code} onChange={(e) => set({ code: e.target.value.toUpperCase() })} />
          <FieldProblems path={at('.code')} />
        </label>
        <label>
          {t.indicator}
          <input
            aria-label={t.indicator}
            type="number"
            min={1}
            max={10}
            value={m.indicator}
            onChange={(e) => set({ indicator: Number(e.target.value) })}
          />
          <FieldProblems path={at('.indicator')} />
        </label>
        <label>
          {t.group}
          <select
            aria-label={t.group}
            value={m.stakeholderGroup}
            onChange={(e) => set({ stakeholderGroup: e.target.value as DocMeasure['stakeholderGroup'] })}
          >
            {Object.entries(t.groups).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.priority}
          <select
            aria-label={t.priority}
            value={m.priority}
            onChange={(e) => set({ priority: e.target.value as DocMeasure['priority'] })}
          >
            {Object.entries(t.priorities).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label>
        {t.title}
        <textarea aria-label={t.title} value={m.title} rows={2} onChange={(e) => set({ title: e.target.value })} />
        <FieldProblems path={at('.title')} />
      </label>

      <fieldset>
        <legend>{t.items}</legend>
        {m.items.map((item, k) => (
          <div className="row" key={k}>
            <input
              aria-label={t.itemCode(k + 1)}
              value={item.code}
              size={5}
              style={{ width: '6em' }}
              onChange={(e) =>
                set({ items: m.items.map((x, i) => (i === k ? { ...x, code: e.target.value.toUpperCase() } : x)) })
              }
            />
            <input
              aria-label={t.itemScore(k + 1)}
              type="number"
              step="0.01"
              style={{ width: '8em' }}
              value={item.score ?? ''}
              onChange={(e) =>
                set({
                  items: m.items.map((x, i) =>
                    i === k ? { ...x, score: e.target.value === '' ? undefined : Number(e.target.value) } : x,
                  ),
                })
              }
            />
            <select
              aria-label={t.itemGrade(k + 1)}
              style={{ width: '6em' }}
              value={item.grade ?? ''}
              onChange={(e) =>
                set({
                  items: m.items.map((x, i) =>
                    i === k ? { ...x, grade: (e.target.value || undefined) as typeof item.grade } : x,
                  ),
                })
              }
            >
              <option value="">{t.noGrade}</option>
              {GRADES.map((g) => (
                <option key={g}>{g}</option>
              ))}
            </select>
            <button type="button" onClick={() => set({ items: m.items.filter((_, i) => i !== k) })}>
              {t.remove} {item.code}
            </button>
            <FieldProblems path={at(`.items[${k}]`)} nested />
          </div>
        ))}
        <FieldProblems path={at('.items')} />
        <button type="button" onClick={() => set({ items: [...m.items, { code: '' }] })}>
          {t.addItem}
        </button>
      </fieldset>

      <fieldset>
        <legend>{t.responsible}</legend>
        <div className="row">
          {[ALL, ...units.map((u) => u.code)].map((code) => (
            <label key={code} className="check">
              <input
                type="checkbox"
                checked={m.responsibleUnits.includes(code)}
                onChange={(e) => set({ responsibleUnits: toggle(m.responsibleUnits, code, e.target.checked) })}
              />
              {unitName(code)}
            </label>
          ))}
        </div>
        <FieldProblems path={at('.responsibleUnits')} nested />
        <div className="grid-2">
          <label>
            {t.leadUnit}
            <select
              aria-label={t.leadUnit}
              value={m.leadUnit ?? ''}
              onChange={(e) => set({ leadUnit: e.target.value || undefined })}
            >
              <option value="">{t.noLead}</option>
              {candidates.map((code) => (
                <option key={code} value={code}>
                  {unitName(code)}
                </option>
              ))}
            </select>
            <FieldProblems path={at('.leadUnit')} />
          </label>
          <label>
            {t.responsibleText}
            <input
              aria-label={t.responsibleText}
              value={m.responsibleText ?? ''}
              onChange={(e) => set({ responsibleText: e.target.value || undefined })}
            />
          </label>
        </div>
      </fieldset>

      <fieldset>
        <legend>{t.steps}</legend>
        <FieldProblems path={at('.steps')} />
        <ol className="step-list">
          {m.steps.map((s, k) => {
            const n = k + 1;
            const mode = s.owners === undefined ? 'responsible' : s.owners[0] === ALL ? 'all' : 'named';
            return (
              <li key={k} className="step-form">
                <label>
                  {t.stepText(n)}
                  <textarea
                    aria-label={t.stepText(n)}
                    value={s.text}
                    rows={2}
                    onChange={(e) => setStep(k, { text: e.target.value })}
                  />
                </label>
                <fieldset>
                  <legend>{t.quarters(n)}</legend>
                  {QUARTERS.map((q) => (
                    <label key={q} className="check">
                      <input
                        type="checkbox"
                        checked={s.quarters.includes(q)}
                        onChange={(e) =>
                          setStep(k, {
                            quarters: toggle(s.quarters, q, e.target.checked).sort((a, b) => a - b),
                          })
                        }
                      />
                      {c.quarter(q)}
                    </label>
                  ))}
                  <label className="check">
                    <input
                      type="checkbox"
                      checked={s.scheduleAssumed === true}
                      onChange={(e) => setStep(k, { scheduleAssumed: e.target.checked ? true : undefined })}
                    />
                    {t.assumed(n)}
                  </label>
                </fieldset>
                <fieldset>
                  <legend>{t.owners(n)}</legend>
                  <label className="check">
                    <input
                      type="radio"
                      name={`owners-${index}-${k}`}
                      checked={mode === 'responsible'}
                      onChange={() => setStep(k, { owners: undefined })}
                    />
                    {t.ownersResponsible}
                  </label>
                  <label className="check">
                    <input
                      type="radio"
                      name={`owners-${index}-${k}`}
                      checked={mode === 'all'}
                      onChange={() => setStep(k, { owners: [ALL] })}
                    />
                    {t.ownersAll}
                  </label>
                  <label className="check">
                    <input
                      type="radio"
                      name={`owners-${index}-${k}`}
                      checked={mode === 'named'}
                      onChange={() => setStep(k, { owners: candidates.slice(0, 1) })}
                    />
                    {t.ownersNamed}
                  </label>
                  {mode === 'named' && (
                    <div className="row">
                      {[...new Set([...candidates, ...(s.owners ?? [])])].map((code) => (
                        <label key={code} className="check">
                          <input
                            type="checkbox"
                            checked={s.owners?.includes(code) ?? false}
                            onChange={(e) => setStep(k, { owners: toggle(s.owners ?? [], code, e.target.checked) })}
                          />
                          {unitName(code)}
                        </label>
                      ))}
                    </div>
                  )}
                </fieldset>
                <FieldProblems path={at(`.steps[${k}]`)} nested />
                <div className="row">
                  {k > 0 && (
                    <button
                      type="button"
                      onClick={() => {
                        const order = m.steps.map((_, i) => i);
                        [order[k - 1], order[k]] = [order[k], order[k - 1]];
                        onChange(
                          withSteps(
                            m,
                            order.map((i) => m.steps[i]),
                            order.map((i) => i + 1),
                          ),
                        );
                      }}
                    >
                      {t.up(n)}
                    </button>
                  )}
                  <button
                    type="button"
                    className="danger"
                    onClick={() => {
                      const keep = m.steps.map((_, i) => i).filter((i) => i !== k);
                      onChange(
                        withSteps(
                          m,
                          keep.map((i) => m.steps[i]),
                          keep.map((i) => i + 1),
                        ),
                      );
                    }}
                  >
                    {t.removeStep(n)}
                  </button>
                </div>
              </li>
            );
          })}
        </ol>
        <button
          type="button"
          onClick={() =>
            onChange(
              withSteps(
                m,
                [...m.steps, { number: m.steps.length + 1, text: '', quarters: [] }],
                [...m.steps.map((s) => s.number), null],
              ),
            )
          }
        >
          {t.addStep}
        </button>
      </fieldset>

      <fieldset>
        <legend>{t.guidelines}</legend>
        <FieldProblems path={at('.monitoringGuidelines')} />
        {m.monitoringGuidelines.map((g, k) => {
          const n = k + 1;
          return (
            <div key={k} className="step-form">
              <label>
                {t.guideline(n)}
                <textarea
                  aria-label={t.guideline(n)}
                  value={g.text}
                  rows={2}
                  onChange={(e) => setGuideline(k, { text: e.target.value })}
                />
              </label>
              <fieldset>
                <legend>{t.evidences(n)}</legend>
                <label className="check">
                  <input
                    type="radio"
                    name={`evidences-${index}-${k}`}
                    checked={g.steps === undefined}
                    onChange={() => setGuideline(k, { steps: undefined })}
                  />
                  {t.everyStep}
                </label>
                <label className="check">
                  <input
                    type="radio"
                    name={`evidences-${index}-${k}`}
                    checked={g.steps !== undefined}
                    onChange={() => setGuideline(k, { steps: m.steps.map((s) => s.number) })}
                  />
                  {t.someSteps}
                </label>
                {g.steps !== undefined &&
                  m.steps.map((s) => (
                    <label key={s.number} className="check">
                      <input
                        type="checkbox"
                        checked={g.steps?.includes(s.number) ?? false}
                        onChange={(e) =>
                          setGuideline(k, {
                            steps: toggle(g.steps ?? [], s.number, e.target.checked).sort((a, b) => a - b),
                          })
                        }
                      />
                      {c.step(s.number)}
                    </label>
                  ))}
              </fieldset>
              <FieldProblems path={at(`.monitoringGuidelines[${k}]`)} nested />
              <button
                type="button"
                className="danger"
                onClick={() =>
                  set({
                    monitoringGuidelines: m.monitoringGuidelines
                      .filter((_, i) => i !== k)
                      .map((x, i) => ({ ...x, number: i + 1 })),
                  })
                }
              >
                {t.removeGuideline(n)}
              </button>
            </div>
          );
        })}
        <button
          type="button"
          onClick={() =>
            set({
              monitoringGuidelines: [
                ...m.monitoringGuidelines,
                { number: m.monitoringGuidelines.length + 1, text: '' },
              ],
            })
          }
        >
          {t.addGuideline}
        </button>
      </fieldset>

      <fieldset>
        <legend>{t.reporting}</legend>
        <FieldProblems path={at('.reporting')} />
        {m.reporting.map((r, k) => {
          const n = k + 1;
          return (
            <div key={k} className="step-form">
              <div className="grid-2">
                <label>
                  {t.cadence(n)}
                  <select
                    aria-label={t.cadence(n)}
                    value={r.cadence}
                    onChange={(e) => setLine(k, { cadence: e.target.value as Line['cadence'] })}
                  >
                    {CADENCES.map((x) => (
                      <option key={x} value={x}>
                        {c.cadence[x]}
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  {t.recipient(n)}
                  <select
                    aria-label={t.recipient(n)}
                    value={r.recipient}
                    onChange={(e) => setLine(k, { recipient: e.target.value as Line['recipient'] })}
                  >
                    {RECIPIENTS.map((x) => (
                      <option key={x} value={x}>
                        {t.recipients[x]}
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  {t.from(n)}
                  <select
                    aria-label={t.from(n)}
                    value={r.from ?? ''}
                    onChange={(e) => setLine(k, { from: e.target.value || undefined })}
                  >
                    <option value="">{t.fromDefault}</option>
                    {units.map((u) => (
                      <option key={u.code} value={u.code}>
                        {u.name}
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  {t.lineText(n)}
                  <input
                    aria-label={t.lineText(n)}
                    value={r.text ?? ''}
                    onChange={(e) => setLine(k, { text: e.target.value || undefined })}
                  />
                </label>
              </div>
              <FieldProblems path={at(`.reporting[${k}]`)} nested />
              <button
                type="button"
                className="danger"
                onClick={() => set({ reporting: m.reporting.filter((_, i) => i !== k) })}
              >
                {t.removeLine(n)}
              </button>
            </div>
          );
        })}
        <button
          type="button"
          onClick={() => set({ reporting: [...m.reporting, { cadence: 'yearly', recipient: 'director-or-delegate' }] })}
        >
          {t.addLine}
        </button>
      </fieldset>

      <label className="check">
        <input
          type="checkbox"
          checked={m.incomplete === true}
          onChange={(e) => set({ incomplete: e.target.checked })}
        />
        {t.incomplete}
      </label>
      <FieldProblems path={at('.incomplete')} />
      <label>
        {t.notes}
        <textarea
          aria-label={t.notes}
          rows={2}
          value={(m.notes ?? []).join('\n')}
          onChange={(e) => {
            const notes = e.target.value.split('\n');
            set({ notes: notes.length === 1 && notes[0] === '' ? undefined : notes });
          }}
        />
      </label>
    </fieldset>
  );
}

/** A fieldset-like group whose title is a heading (for the page's own sections). */
export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}
