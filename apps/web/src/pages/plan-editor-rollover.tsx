/**
 * A rollover draft's two helpers: the earlier year's unfinished work (each step not done, carried
 * over into its measure of the draft or dropped, each with the planner's reason), and the new
 * year's ITA results attached to the draft from the ITA results workbook.
 */
import { useEffect, useState } from 'react';
import { api, authorizedFetch, problemOf, type ApiProblem, type Schemas } from '../api/client';
import { useCommon, useText } from '../i18n';
import { CellProblems, ErrorNote, Loading } from '../ui';
import { Section } from './plan-editor-measure';

type Draft = Schemas['PlanDraft'];
type Quarter = Schemas['Quarter'];
type Decision = Schemas['CarryOverBody']['decisions'][number]['decision'];
type UnfinishedStep = Schemas['UnfinishedStep'];

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const QUARTERS: Quarter[] = [1, 2, 3, 4];

export const ROLLOVER_TEXT = {
  th: {
    unfinished: (fy: number) => `งานค้างจากปีงบประมาณ ${fy}`,
    fromYear: 'ปีงบประมาณที่มีงานค้าง',
    unfinishedHint:
      'ขั้นตอนของปีก่อนที่ยังไม่แล้วเสร็จ: เลือกยกไปทำต่อในมาตรการเดียวกันของร่างนี้ (พร้อมไตรมาส) หรือไม่ดำเนินการต่อ และระบุเหตุผลทุกรายการ',
    noUnfinished: (fy: number) => `ไม่มีงานค้างจากปีงบประมาณ ${fy}`,
    noPlan: (fy: number) => `ไม่มีแผนที่บันทึกไว้ของปีงบประมาณ ${fy}`,
    measure: 'มาตรการ',
    step: 'ขั้นตอน',
    tasks: 'งานที่อนุมัติแล้ว/ทั้งหมด',
    decision: 'การตัดสินใจ',
    decisions: { 'carry-over': 'ยกไปทำต่อ', drop: 'ไม่ดำเนินการต่อ' } satisfies Record<Decision, string>,
    undecided: 'ยังไม่ตัดสินใจ',
    quarter: 'ไตรมาส',
    reason: 'เหตุผล (จำเป็น)',
    reasonFor: (code: string, n: number) => `เหตุผลสำหรับ ${code} ขั้นตอนที่ ${n}`,
    decisionFor: (code: string, n: number) => `การตัดสินใจสำหรับ ${code} ขั้นตอนที่ ${n}`,
    quarterFor: (code: string, n: number) => `ไตรมาสสำหรับ ${code} ขั้นตอนที่ ${n}`,
    saveDecisions: 'บันทึกการตัดสินใจงานค้าง',
    saving: 'กำลังบันทึก…',
    needReason: 'ระบุเหตุผลให้ครบทุกรายการที่ตัดสินใจ',
    savedDecisions: (n: number) => `บันทึกการตัดสินใจ ${n} รายการแล้ว ขั้นตอนที่ยกไปทำต่ออยู่ในมาตรการของร่างนี้`,
    ita: 'แนบผลการประเมิน ITA ของปีนี้',
    itaHint: 'ดาวน์โหลดแบบฟอร์มผล ITA กรอกผลจากระบบ ITAS แล้วแนบไฟล์ .xlsx ข้อการประเมินของมาตรการจะใช้คะแนนใหม่',
    template: 'ดาวน์โหลดแบบฟอร์มผล ITA (.xlsx)',
    downloading: 'กำลังดาวน์โหลด…',
    file: 'ไฟล์ผลการประเมิน ITA (.xlsx)',
    attach: 'แนบผลการประเมิน ITA',
    attaching: 'กำลังแนบ…',
    attached: 'แนบผลการประเมิน ITA กับร่างนี้แล้ว',
    cell: 'เซลล์',
    problem: 'ปัญหา',
  },
  en: {
    unfinished: (fy: number) => `Unfinished work of fiscal year ${fy}`,
    fromYear: 'Fiscal year with the unfinished work',
    unfinishedHint:
      "The earlier year's steps not done: carry each over into its measure of this draft (with its quarter) or drop it, with a reason for each",
    noUnfinished: (fy: number) => `No unfinished work from fiscal year ${fy}`,
    noPlan: (fy: number) => `No stored plan for fiscal year ${fy}`,
    measure: 'Measure',
    step: 'Step',
    tasks: 'Tasks approved/total',
    decision: 'Decision',
    decisions: { 'carry-over': 'Carry over', drop: 'Drop' } satisfies Record<Decision, string>,
    undecided: 'Not decided',
    quarter: 'Quarter',
    reason: 'Reason (required)',
    reasonFor: (code: string, n: number) => `Reason for ${code} step ${n}`,
    decisionFor: (code: string, n: number) => `Decision for ${code} step ${n}`,
    quarterFor: (code: string, n: number) => `Quarter for ${code} step ${n}`,
    saveDecisions: 'Save the decisions',
    saving: 'Saving…',
    needReason: 'Give a reason for every step decided',
    savedDecisions: (n: number) =>
      `${n} decision${n === 1 ? '' : 's'} saved: the steps carried over are in their measures of this draft`,
    ita: "Attach this year's ITA results",
    itaHint:
      "Download the ITA results template, fill it in from the ITAS system and attach the .xlsx: the measures' items take the new scores",
    template: 'Download the ITA results template (.xlsx)',
    downloading: 'Downloading…',
    file: 'ITA results workbook (.xlsx)',
    attach: 'Attach the ITA results',
    attaching: 'Attaching…',
    attached: 'The ITA results are attached to this draft',
    cell: 'Cell',
    problem: 'Problem',
  },
};

const draftPath = (organization: string, fiscalYear: number, draftId: number) => ({
  path: { organization, fiscalYear, draftId: String(draftId) },
});

/** The years with a stored plan before this one (GET /api/organizations), newest first; the year before always offered. */
export function useEarlierYears(organization: string, fiscalYear: number): number[] {
  const [years, setYears] = useState<number[]>([]);
  useEffect(() => {
    if (!organization) return;
    void api.GET('/api/organizations').then((r) => {
      const org = r.data?.find((o) => o.code === organization) ?? r.data?.[0];
      setYears((org?.plans ?? []).map((p) => p.fiscalYear));
    });
  }, [organization]);
  return [...new Set([fiscalYear - 1, ...years.filter((y) => y < fiscalYear)])].sort((a, b) => b - a);
}

interface Row {
  decision: Decision | '';
  quarter: Quarter;
  reason: string;
}
const blankRow: Row = { decision: '', quarter: 1, reason: '' };
const stepKey = (s: { measureCode: string; stepNumber: number }) => `${s.measureCode}#${s.stepNumber}`;

/** The earlier year's unfinished steps, each carried over or dropped with a reason. */
export function UnfinishedPanel({
  organization,
  fiscalYear,
  draft,
  busy,
  save,
  onSaved,
}: {
  organization: string;
  fiscalYear: number;
  draft: Draft;
  busy: boolean;
  /** Saves what is typed first: the draft as saved, null when refused. */
  save(): Promise<Draft | null>;
  onSaved(d: Draft): void;
}) {
  const t = useText(ROLLOVER_TEXT);
  const common = useCommon();
  const years = useEarlierYears(organization, fiscalYear);
  const [from, setFrom] = useState(fiscalYear - 1);
  const [steps, setSteps] = useState<UnfinishedStep[]>();
  const [loadProblem, setLoadProblem] = useState<ApiProblem | null>(null);
  const [noPlan, setNoPlan] = useState(false);
  const [rows, setRows] = useState<Record<string, Row>>({});
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  /** The problems of the decisions sent, by row (their paths name the index of the decision sent). */
  const [rowProblems, setRowProblems] = useState<Record<string, Array<{ path: string; message: string }>>>({});
  const [note, setNote] = useState<string | null>(null);

  useEffect(() => {
    if (!organization) return;
    setSteps(undefined);
    setNoPlan(false);
    setLoadProblem(null);
    void api
      .GET('/api/organizations/{organization}/plans/{fiscalYear}/drafts/{draftId}/unfinished', {
        params: { ...draftPath(organization, fiscalYear, draft.id), query: { from: String(from) } },
      })
      .then((r) => {
        if (r.data) setSteps(r.data.steps);
        else if (r.error?.code === 'PLAN_NOT_FOUND') setNoPlan(true);
        else setLoadProblem(problemOf(r.error));
      });
  }, [organization, fiscalYear, draft.id, from, draft.revision]);

  const row = (s: UnfinishedStep) => rows[stepKey(s)] ?? blankRow;
  const change = (s: UnfinishedStep, patch: Partial<Row>) =>
    setRows({ ...rows, [stepKey(s)]: { ...row(s), ...patch } });
  const decided = (steps ?? []).filter((s) => row(s).decision);
  const missingReason = decided.some((s) => !row(s).reason.trim());

  const send = async () => {
    setNote(null);
    setProblem(null);
    setRowProblems({});
    const current = await save();
    if (!current) return;
    setSending(true);
    const sent = decided;
    const { data, error } = await api.POST(
      '/api/organizations/{organization}/plans/{fiscalYear}/drafts/{draftId}/carry-over',
      {
        params: draftPath(organization, fiscalYear, draft.id),
        body: {
          from,
          revision: current.revision,
          decisions: sent.map((s) => {
            const r = row(s);
            return {
              measureCode: s.measureCode,
              stepNumber: s.stepNumber,
              decision: r.decision as Decision,
              ...(r.decision === 'carry-over' ? { quarters: [r.quarter] } : {}),
              reason: r.reason.trim(),
            };
          }),
        },
      },
    );
    setSending(false);
    if (error || !data) {
      const refusal = problemOf(error);
      const byRow: Record<string, Array<{ path: string; message: string }>> = {};
      const rest: Array<{ path: string; message: string }> = [];
      for (const p of refusal.problems ?? []) {
        const m = /^decisions\[(\d+)\]/.exec(p.path);
        const s = m ? sent[Number(m[1])] : undefined;
        if (s) (byRow[stepKey(s)] ??= []).push(p);
        else rest.push(p);
      }
      setRowProblems(byRow);
      setProblem({ ...refusal, problems: rest });
      return;
    }
    setRows({});
    setNote(t.savedDecisions(sent.length));
    onSaved(data);
  };

  return (
    <Section id="draft-unfinished" title={t.unfinished(from)}>
      <p className="muted">{t.unfinishedHint}</p>
      <label className="field">
        {t.fromYear}
        <select value={from} onChange={(e) => setFrom(Number(e.target.value))} style={{ width: 120 }}>
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </label>
      <ErrorNote problem={loadProblem} />
      {noPlan ? (
        <p className="muted">{t.noPlan(from)}</p>
      ) : !steps ? (
        !loadProblem && <Loading />
      ) : steps.length === 0 ? (
        <p className="muted">{t.noUnfinished(from)}</p>
      ) : (
        <>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t.measure}</th>
                  <th scope="col">{t.step}</th>
                  <th scope="col">{t.tasks}</th>
                  <th scope="col">{t.decision}</th>
                  <th scope="col">{t.quarter}</th>
                  <th scope="col">{t.reason}</th>
                </tr>
              </thead>
              <tbody>
                {steps.map((s) => {
                  const r = row(s);
                  const key = stepKey(s);
                  const mine = rowProblems[key] ?? [];
                  return (
                    <tr key={key} className={mine.length ? 'error' : undefined}>
                      <td>
                        <strong>{s.measureCode}</strong> {s.measureTitle}
                      </td>
                      <td>
                        {s.stepNumber}. {s.text}
                        {!!s.owners?.length && <div className="muted">{s.owners.join(', ')}</div>}
                      </td>
                      <td>
                        {s.approved}/{s.tasks}
                      </td>
                      <td>
                        <select
                          aria-label={t.decisionFor(s.measureCode, s.stepNumber)}
                          value={r.decision}
                          onChange={(e) => change(s, { decision: e.target.value as Decision | '' })}
                        >
                          <option value="">{t.undecided}</option>
                          <option value="carry-over">{t.decisions['carry-over']}</option>
                          <option value="drop">{t.decisions.drop}</option>
                        </select>
                      </td>
                      <td>
                        <select
                          aria-label={t.quarterFor(s.measureCode, s.stepNumber)}
                          value={r.quarter}
                          disabled={r.decision !== 'carry-over'}
                          onChange={(e) => change(s, { quarter: Number(e.target.value) as Quarter })}
                        >
                          {QUARTERS.map((q) => (
                            <option key={q} value={q}>
                              {common.quarter(q)}
                            </option>
                          ))}
                        </select>
                      </td>
                      <td>
                        <input
                          aria-label={t.reasonFor(s.measureCode, s.stepNumber)}
                          value={r.reason}
                          required={!!r.decision}
                          aria-invalid={!!r.decision && !r.reason.trim() ? true : undefined}
                          onChange={(e) => change(s, { reason: e.target.value })}
                        />
                        {!!mine.length && (
                          <ul className="field-problems" role="alert">
                            {mine.map((p, i) => (
                              <li key={i}>
                                <code>{p.path}</code>: {p.message}
                              </li>
                            ))}
                          </ul>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {decided.length > 0 && missingReason && <p className="muted">{t.needReason}</p>}
          <div className="row">
            <button
              type="button"
              className="primary"
              disabled={busy || sending || decided.length === 0 || missingReason}
              onClick={() => void send()}
            >
              {sending ? t.saving : t.saveDecisions}
            </button>
            {note && (
              <span role="status" className="ok">
                {note}
              </span>
            )}
          </div>
          <ErrorNote problem={problem} />
        </>
      )}
    </Section>
  );
}

/** The year's ITA results attached to the draft from the template workbook; problems listed by cell. */
export function ItaAttachPanel({
  organization,
  fiscalYear,
  draft,
  busy,
  save,
  onAttached,
}: {
  organization: string;
  fiscalYear: number;
  draft: Draft;
  busy: boolean;
  save(): Promise<Draft | null>;
  onAttached(d: Draft): void;
}) {
  const t = useText(ROLLOVER_TEXT);
  const [file, setFile] = useState<File | null>(null);
  const [sending, setSending] = useState(false);
  const [downloading, setDownloading] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const base = `/api/organizations/${encodeURIComponent(organization)}/plans/${fiscalYear}`;

  const download = async () => {
    setDownloading(true);
    setProblem(null);
    const response = await authorizedFetch(`${base}/ita/template.xlsx`);
    setDownloading(false);
    if (!response.ok)
      return setProblem(problemOf(await response.json().catch(() => ({ message: response.statusText }))));
    const name =
      /filename\*=UTF-8''([^;]+)/.exec(response.headers.get('Content-Disposition') ?? '')?.[1] ??
      `ita-results-${organization}-${fiscalYear}.xlsx`;
    const link = document.createElement('a');
    link.href = URL.createObjectURL(await response.blob());
    link.download = decodeURIComponent(name);
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  };

  const attach = async () => {
    if (!file) return;
    setNote(null);
    setProblem(null);
    const current = await save();
    if (!current) return;
    setSending(true);
    const response = await authorizedFetch(`${base}/drafts/${draft.id}/ita`, {
      method: 'POST',
      headers: { 'Content-Type': XLSX, 'Idempotency-Key': crypto.randomUUID() },
      body: file,
    });
    const body: unknown = await response.json().catch(() => ({ message: `${response.status} ${response.statusText}` }));
    setSending(false);
    if (!response.ok) return setProblem(problemOf(body));
    setFile(null);
    setNote(t.attached);
    onAttached(body as Draft);
  };

  const cells = problem?.problems ?? [];
  return (
    <Section id="draft-ita" title={t.ita}>
      <p className="muted">{t.itaHint}</p>
      <p>
        <button type="button" className="link" disabled={downloading} onClick={() => void download()}>
          {downloading ? t.downloading : t.template}
        </button>
      </p>
      <div className="row">
        <label className="field">
          {t.file}
          <input
            type="file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setProblem(null);
              setNote(null);
            }}
          />
        </label>
        <button type="button" className="primary" disabled={!file || busy || sending} onClick={() => void attach()}>
          {sending ? t.attaching : t.attach}
        </button>
        {note && (
          <span role="status" className="ok">
            {note}
          </span>
        )}
      </div>
      {problem && (
        <div className="error" role="alert">
          <p>{problem.message}</p>
          {!!cells.length && <CellProblems problems={cells} headings={t} />}
        </div>
      )}
    </Section>
  );
}
