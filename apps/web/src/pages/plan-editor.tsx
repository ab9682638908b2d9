/**
 * Plan authoring (ร่างแผน): a planner starts a draft of a year's plan (empty, or a copy of the
 * stored revision), drafts measures from the ITA items that need one, writes their steps with
 * owners, units, guidelines and reporting, and sees the validator's problems at each field as he
 * types (a debounced check by the API, the same validator as an import); he saves and submits it.
 * The Director, or the Deputy Director holding his delegation, reads the diff against the stored
 * revision and approves it (it becomes the stored plan, activated on the plans page) or returns
 * it with a comment.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, problemOf, type ApiProblem, type Schemas } from '../api/client';
import { abilities, useAuth } from '../auth';
import { useLoad, usePlanYear } from '../data';
import { useFormatDate, useText } from '../i18n';
import { href, navigate } from '../router';
import { Badge, ErrorNote, Loading, Page, type Light } from '../ui';
import './plan-editor.css';
import {
  blankMeasure,
  FieldProblems,
  MeasureEditor,
  ProblemsContext,
  Section,
  type DocMeasure,
  type PlanDocument,
} from './plan-editor-measure';
import { ItaAttachPanel, UnfinishedPanel, useEarlierYears } from './plan-editor-rollover';

type Draft = Schemas['PlanDraft'];
type Validation = Schemas['DraftValidation'];
type Coverage = Schemas['PlanDraftCoverage'];
type Diff = Schemas['PlanDraftDiff'];
type DraftStatus = Schemas['PlanDraftStatus'];

const TEXT = {
  th: {
    title: 'ร่างแผน',
    drafts: (fy: number) => `ร่างแผนปีงบประมาณ พ.ศ. ${fy}`,
    year: 'ปีงบประมาณ (พ.ศ.)',
    show: 'แสดง',
    draftN: (n: number) => `ร่างที่ ${n}`,
    draftCol: 'ร่าง',
    status: 'สถานะ',
    statuses: {
      draft: 'กำลังจัดทำ',
      submitted: 'รอพิจารณา',
      returned: 'ส่งกลับแก้ไข',
      approved: 'อนุมัติแล้ว รอเริ่มใช้',
      discarded: 'ยกเลิกแล้ว',
      active: 'ใช้งานอยู่',
    } satisfies Record<DraftStatus, string>,
    revision: 'แก้ไขครั้งที่',
    measures: 'มาตรการ',
    check: 'ผลการตรวจ',
    valid: 'ถูกต้อง',
    problemsN: (n: number) => `พบปัญหา ${n} รายการ`,
    updated: 'แก้ไขล่าสุด',
    open: (n: number) => `เปิดร่างที่ ${n}`,
    create: 'สร้างร่างแผน',
    source: 'เริ่มจาก',
    sources: {
      stored: 'สำเนาแผนที่บันทึกไว้ของปีนี้',
      empty: 'ร่างว่าง (หน่วยงาน ส่วนงาน และผลการประเมิน ITA ของปีนี้ ยังไม่มีมาตรการ)',
      rollover: 'ต่อยอดจากแผนปีก่อน (rollover)',
    } as Record<string, string>,
    rolloverFrom: 'ต่อยอดจากแผนปีงบประมาณ',
    rolloverHint:
      'ยกมาตรการ ขั้นตอน ผู้รับผิดชอบ แนวทางการกำกับติดตาม และการรายงานของแผนปีที่เลือกมาเป็นร่างของปีนี้ แล้วตัดสินใจงานค้างและแนบผลการประเมิน ITA ของปีนี้ในร่าง',
    creating: 'กำลังสร้าง…',
    back: 'กลับไปยังรายการร่างแผน',
    base: (r: number) => `จัดทำจากแผนฉบับที่ ${r}`,
    noBase: 'ยังไม่มีแผนที่บันทึกไว้ของปีนี้',
    baseChanged: 'แผนที่บันทึกไว้เปลี่ยนไปหลังจากเริ่มร่างนี้ ตรวจสอบรายการเปลี่ยนแปลงก่อนเสนอ',
    returnedBy: (by: string, comment: string) => `ส่งกลับแก้ไขโดย ${by}: ${comment}`,
    approvedBy: (by: string, rev: number) => `อนุมัติโดย ${by} เป็นแผนฉบับที่ ${rev}`,
    save: 'บันทึกร่าง',
    saving: 'กำลังบันทึก…',
    saved: 'บันทึกแล้ว',
    unsaved: 'มีการแก้ไขที่ยังไม่บันทึก',
    checking: 'กำลังตรวจ…',
    summary: 'ผลการตรวจร่างแผน',
    allValid: 'ร่างแผนถูกต้องครบถ้วน เสนอพิจารณาได้',
    warningsN: (n: number) => `ข้อควรตรวจสอบ ${n} รายการ`,
    submit: 'เสนอเพื่อพิจารณา',
    submitted: 'เสนอร่างแผนแล้ว รอผู้อำนวยการหรือผู้ที่ได้รับมอบหมายพิจารณา',
    discard: 'ยกเลิกร่างนี้',
    confirmDiscard: 'ยืนยันการยกเลิกร่างนี้',
    measureList: 'มาตรการในร่าง',
    code: 'รหัส',
    issue: 'ประเด็น',
    steps: 'ขั้นตอน',
    edit: (code: string) => `แก้ไข ${code}`,
    editing: 'กำลังแก้ไข',
    view: (code: string) => `ดู ${code}`,
    viewing: 'กำลังแสดง',
    addMeasure: 'เพิ่มมาตรการว่าง',
    removeMeasure: (code: string) => `ลบมาตรการ ${code}`,
    coverage: 'ร่างมาตรการจากผลการประเมิน ITA',
    coverageHint:
      'เลือกข้อการประเมินที่ต้องการให้มาตรการตอบ ระบบจะร่างมาตรการให้ (ข้อการประเมินพร้อมคะแนน ชื่อจากข้อคำถาม ระดับ และตัวชี้วัด) โดยยังไม่มีขั้นตอน',
    coverageSaved: 'ข้อมูลนี้เป็นของร่างที่บันทึกล่าสุด',
    onlyNeeding: 'เฉพาะข้อที่ต้องมีมาตรการ',
    pick: (code: string) => `เลือก ${code}`,
    item: 'ข้อ',
    question: 'ข้อคำถาม',
    score: 'คะแนน',
    class: 'กลุ่ม',
    classes: { urgent: 'ต้องแก้ไขเร่งด่วน', improve: 'ต้องพัฒนาให้ดีขึ้น', strength: 'จุดแข็ง' } as Record<string, string>,
    coveredBy: 'มาตรการที่ตอบ',
    uncovered: 'ยังไม่มีมาตรการ',
    draftMeasure: 'ร่างมาตรการจากข้อที่เลือก',
    noIta: 'ร่างนี้ยังไม่มีผลการประเมิน ITA',
    diff: 'เปรียบเทียบกับแผนที่บันทึกไว้',
    diffAgainst: (r: number, s: string) => `เทียบกับแผนฉบับที่ ${r} (${s})`,
    diffNew: 'ยังไม่มีแผนของปีนี้: ทั้งหมดเป็นของใหม่',
    diffKept: 'รายการเปลี่ยนแปลงเมื่ออนุมัติ',
    identical: 'ไม่มีความแตกต่าง',
    kind: 'ประเภท',
    path: 'ตำแหน่งในแผน',
    detail: 'ก่อนและหลัง',
    kinds: { added: 'เพิ่ม', removed: 'ลบ', changed: 'แก้ไข' } as Record<string, string>,
    before: 'เดิม',
    after: 'ใหม่',
    review: 'พิจารณาร่างแผน',
    comment: 'ความเห็น',
    approve: 'อนุมัติร่างแผน',
    returnIt: 'ส่งกลับให้แก้ไข',
    returnComment: 'ความเห็นเมื่อส่งกลับ (จำเป็น)',
    approved: 'อนุมัติแล้ว ร่างนี้เป็นแผนที่บันทึกไว้ของปีนี้แล้ว',
    activateHere: 'ไปเริ่มใช้แผน',
    storedKinds: { imported: 'ยังไม่เริ่มใช้', active: 'ใช้งานอยู่' } as Record<string, string>,
    noDrafts: 'ยังไม่มีร่างแผนของปีนี้',
  },
  en: {
    title: 'Plan drafts',
    drafts: (fy: number) => `Plan drafts for fiscal year ${fy} BE`,
    year: 'Fiscal year (BE)',
    show: 'Show',
    draftN: (n: number) => `Draft ${n}`,
    draftCol: 'Draft',
    status: 'Status',
    statuses: {
      draft: 'Being written',
      submitted: 'Awaiting review',
      returned: 'Returned',
      approved: 'Approved, not yet in use',
      discarded: 'Discarded',
      active: 'In use',
    } satisfies Record<DraftStatus, string>,
    revision: 'Revision',
    measures: 'Measures',
    check: 'Check',
    valid: 'Valid',
    problemsN: (n: number) => `${n} problem${n === 1 ? '' : 's'}`,
    updated: 'Last changed',
    open: (n: number) => `Open draft ${n}`,
    create: 'Start a draft',
    source: 'Start from',
    sources: {
      stored: "A copy of this year's stored plan",
      empty: "Empty (the organization, units and this year's ITA results; no measures yet)",
      rollover: "Build on an earlier year's plan (rollover)",
    } as Record<string, string>,
    rolloverFrom: 'Roll over the plan of fiscal year',
    rolloverHint:
      "The chosen year's measures, steps, owners, monitoring guidelines and reporting become this year's draft; then decide its unfinished work and attach this year's ITA results in the draft",
    creating: 'Starting…',
    back: 'Back to the drafts',
    base: (r: number) => `Made from revision ${r}`,
    noBase: 'The year has no stored plan yet',
    baseChanged: 'The stored plan changed after this draft was started: check the changes before submitting',
    returnedBy: (by: string, comment: string) => `Returned by ${by}: ${comment}`,
    approvedBy: (by: string, rev: number) => `Approved by ${by} as revision ${rev}`,
    save: 'Save the draft',
    saving: 'Saving…',
    saved: 'Saved',
    unsaved: 'Unsaved changes',
    checking: 'Checking…',
    summary: 'Check of the draft',
    allValid: 'The draft is valid and complete: it may be submitted',
    warningsN: (n: number) => `${n} thing${n === 1 ? '' : 's'} to look at`,
    submit: 'Submit for review',
    submitted: 'Submitted: awaiting the Director or his delegate',
    discard: 'Discard this draft',
    confirmDiscard: 'Confirm: discard this draft',
    measureList: 'Measures in the draft',
    code: 'Code',
    issue: 'Issue',
    steps: 'Steps',
    edit: (code: string) => `Edit ${code}`,
    editing: 'Editing',
    view: (code: string) => `Show ${code}`,
    viewing: 'Shown',
    addMeasure: 'Add an empty measure',
    removeMeasure: (code: string) => `Remove measure ${code}`,
    coverage: 'Draft measures from the ITA results',
    coverageHint:
      'Pick the ITA items a measure should answer: a measure is drafted with the items and their scores, a title from their text, the priority and indicator, and no steps yet.',
    coverageSaved: 'As of the last save',
    onlyNeeding: 'Only items that need a measure',
    pick: (code: string) => `Pick ${code}`,
    item: 'Item',
    question: 'Question',
    score: 'Score',
    class: 'Class',
    classes: { urgent: 'Urgent', improve: 'Needs improvement', strength: 'Strength' } as Record<string, string>,
    coveredBy: 'Covered by',
    uncovered: 'No measure yet',
    draftMeasure: 'Draft a measure for the picked items',
    noIta: 'This draft holds no ITA results',
    diff: 'Against the stored plan',
    diffAgainst: (r: number, s: string) => `Against revision ${r} (${s})`,
    diffNew: 'The year has no plan yet: all of it is new',
    diffKept: 'What the approval changed',
    identical: 'No differences',
    kind: 'Kind',
    path: 'Where in the plan',
    detail: 'Before and after',
    kinds: { added: 'Added', removed: 'Removed', changed: 'Changed' } as Record<string, string>,
    before: 'Was',
    after: 'Now',
    review: 'Review the draft',
    comment: 'Comment',
    approve: 'Approve the draft',
    returnIt: 'Return for changes',
    returnComment: 'Comment for the return (required)',
    approved: "Approved: this draft is now the year's stored plan",
    activateHere: 'Go and activate the plan',
    storedKinds: { imported: 'not in use yet', active: 'in use' } as Record<string, string>,
    noDrafts: 'No drafts for this year yet',
  },
};

const STATUS_LIGHT: Record<DraftStatus, Light> = {
  draft: 'blue',
  submitted: 'amber',
  returned: 'red',
  approved: 'green',
  discarded: 'grey',
  active: 'green',
};
const CLASS_LIGHT: Record<string, Light> = { urgent: 'red', improve: 'amber', strength: 'green' };
const CHANGE_LIGHT: Record<string, Light> = { added: 'green', removed: 'red', changed: 'amber' };

/** The Thai fiscal year (B.E.) of today: it starts on 1 October. */
function currentFiscalYear(): number {
  const now = new Date();
  return now.getFullYear() + 543 + (now.getMonth() >= 9 ? 1 : 0);
}

export function PlanDraftsPage({ fiscalYear, draftId }: { fiscalYear?: number; draftId?: number }) {
  if (fiscalYear && draftId) return <DraftPage fiscalYear={fiscalYear} draftId={draftId} />;
  return <DraftListPage fiscalYear={fiscalYear} />;
}

const draftPath = (organization: string, fiscalYear: number, draftId: number) => ({
  path: { organization, fiscalYear, draftId: String(draftId) },
});

function DraftListPage({ fiscalYear }: { fiscalYear?: number }) {
  const t = useText(TEXT);
  const date = useFormatDate();
  const { me } = useAuth();
  const can = abilities(me);
  const planYear = usePlanYear();
  const year = fiscalYear ?? planYear.fiscalYear ?? currentFiscalYear();
  const [shown, setShown] = useState(String(year));
  const organization = me?.organization ?? '';
  const list = useLoad(
    () =>
      organization && !planYear.loading
        ? api.GET('/api/organizations/{organization}/plans/{fiscalYear}/drafts', {
            params: { path: { organization, fiscalYear: year } },
          })
        : Promise.resolve({ data: undefined }),
    [organization, year, planYear.loading],
  );
  useEffect(() => setShown(String(year)), [year]);
  const [source, setSource] = useState<'stored' | 'empty' | 'rollover'>('stored');
  const earlier = useEarlierYears(organization, year);
  const [from, setFrom] = useState(year - 1);
  useEffect(() => setFrom(year - 1), [year]);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const create = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    const { data, error } = await api.POST('/api/organizations/{organization}/plans/{fiscalYear}/drafts', {
      params: { path: { organization, fiscalYear: year } },
      body: source === 'rollover' ? { source, from } : { source },
    });
    setBusy(false);
    if (error || !data) return setProblem(problemOf(error));
    navigate(`/plan-drafts/${year}/${data.id}`);
  };
  const drafts = list.data ?? [];
  return (
    <Page title={t.title}>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          if (/^\d{4}$/.test(shown)) navigate(`/plan-drafts/${shown}`);
        }}
      >
        <label className="field">
          {t.year}
          <input value={shown} onChange={(e) => setShown(e.target.value)} inputMode="numeric" style={{ width: 120 }} />
        </label>
        <button type="submit">{t.show}</button>
      </form>
      <section aria-labelledby="drafts-list">
        <h2 id="drafts-list">{t.drafts(year)}</h2>
        <ErrorNote problem={list.problem} />
        {list.loading ? (
          <Loading />
        ) : drafts.length === 0 ? (
          <p className="muted">{t.noDrafts}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t.draftCol}</th>
                  <th scope="col">{t.status}</th>
                  <th scope="col">{t.revision}</th>
                  <th scope="col">{t.measures}</th>
                  <th scope="col">{t.check}</th>
                  <th scope="col">{t.updated}</th>
                </tr>
              </thead>
              <tbody>
                {drafts.map((d) => (
                  <tr key={d.id}>
                    <td>
                      <a href={href('plan-drafts', d.fiscalYear, d.id)} aria-label={t.open(d.id)}>
                        {t.draftN(d.id)}
                      </a>
                    </td>
                    <td>
                      <Badge light={STATUS_LIGHT[d.status]}>{t.statuses[d.status]}</Badge>
                    </td>
                    <td>{d.revision}</td>
                    <td>{d.measureCount}</td>
                    <td>
                      {d.validation.valid ? (
                        <Badge light="green">{t.valid}</Badge>
                      ) : (
                        <Badge light="red">{t.problemsN(d.validation.problems.length)}</Badge>
                      )}
                    </td>
                    <td>
                      {d.updated.by} · {date(d.updated.at, true)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {can.plans && (
        <Section id="draft-create" title={t.create}>
          <form className="form" onSubmit={(e) => void create(e)}>
            <fieldset>
              <legend>{t.source}</legend>
              {(['stored', 'empty', 'rollover'] as const).map((s) => (
                <label key={s} className="check">
                  <input type="radio" name="source" checked={source === s} onChange={() => setSource(s)} />
                  {t.sources[s]}
                </label>
              ))}
              {source === 'rollover' && (
                <>
                  <label className="field">
                    {t.rolloverFrom}
                    <select value={from} onChange={(e) => setFrom(Number(e.target.value))} style={{ width: 120 }}>
                      {earlier.map((y) => (
                        <option key={y} value={y}>
                          {y}
                        </option>
                      ))}
                    </select>
                  </label>
                  <p className="muted">{t.rolloverHint}</p>
                </>
              )}
            </fieldset>
            <ErrorNote problem={problem} />
            <div className="row">
              <button type="submit" className="primary" disabled={busy}>
                {busy ? t.creating : t.create}
              </button>
            </div>
          </form>
        </Section>
      )}
    </Page>
  );
}

function DraftPage({ fiscalYear, draftId }: { fiscalYear: number; draftId: number }) {
  const t = useText(TEXT);
  const date = useFormatDate();
  const { me } = useAuth();
  const can = abilities(me);
  const organization = me?.organization ?? '';
  const params = draftPath(organization, fiscalYear, draftId);
  const [draft, setDraft] = useState<Draft>();
  const [doc, setDoc] = useState<PlanDocument>();
  const [dirty, setDirty] = useState(false);
  const [check, setCheck] = useState<Validation | null>(null);
  const [checking, setChecking] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [selected, setSelected] = useState(0);
  const [note, setNote] = useState<string | null>(null);
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const seq = useRef(0);

  const take = (d: Draft) => {
    setDraft(d);
    setDoc(d.plan);
    setCheck(d.validation);
    setDirty(false);
  };
  useEffect(() => {
    if (!organization) return;
    void api.GET('/api/organizations/{organization}/plans/{fiscalYear}/drafts/{draftId}', { params }).then((r) => {
      if (r.data) take(r.data);
      else setProblem(problemOf(r.error));
    });
  }, [organization, fiscalYear, draftId]);

  const diff = useLoad(
    () =>
      organization && draft
        ? api.GET('/api/organizations/{organization}/plans/{fiscalYear}/drafts/{draftId}/diff', { params })
        : Promise.resolve({ data: undefined }),
    [organization, fiscalYear, draftId, draft?.revision, draft?.status],
  );
  const editable = !!draft && can.plans && (draft.status === 'draft' || draft.status === 'returned');
  const reviewable = !!draft && can.decidesReports && draft.status === 'submitted';

  // Validation as he types: the same validator as an import, asked once typing pauses.
  useEffect(() => {
    if (!doc || !dirty || !editable) return;
    const mine = ++seq.current;
    setChecking(true);
    const timer = setTimeout(async () => {
      const { data } = await api.POST('/api/organizations/{organization}/plans/{fiscalYear}/drafts/validate', {
        params: { path: { organization, fiscalYear } },
        body: { plan: doc },
      });
      if (mine !== seq.current) return;
      setChecking(false);
      if (data) setCheck(data);
    }, 400);
    return () => clearTimeout(timer);
  }, [doc, dirty, editable]);

  if (!draft || !doc)
    return (
      <Page title={t.title}>
        <ErrorNote problem={problem} />
        {!problem && <Loading />}
      </Page>
    );

  const edit = (next: PlanDocument) => {
    setDoc(next);
    setDirty(true);
    setNote(null);
  };
  const editMeasure = (i: number, m: DocMeasure) =>
    edit({ ...doc, measures: doc.measures.map((x, k) => (k === i ? m : x)) });
  /** Saves what is typed, if anything; the draft as saved (null when refused). */
  const save = async (): Promise<Draft | null> => {
    if (!dirty) return draft;
    setBusy(t.saving);
    setProblem(null);
    const { data, error } = await api.PUT('/api/organizations/{organization}/plans/{fiscalYear}/drafts/{draftId}', {
      params,
      body: { revision: draft.revision, plan: doc },
    });
    setBusy(null);
    if (error || !data) {
      setProblem(problemOf(error));
      return null;
    }
    take(data);
    setNote(t.saved);
    return data;
  };
  const command = async (
    label: string,
    run: (current: Draft) => Promise<{ data?: Draft; error?: unknown }>,
    done?: string,
  ) => {
    const current = await save();
    if (!current) return;
    setBusy(label);
    setProblem(null);
    const { data, error } = await run(current);
    setBusy(null);
    if (error || !data) return setProblem(problemOf(error));
    take(data);
    setNote(done ?? null);
  };
  const problems = check ?? draft.validation;
  const readOnly = !editable;
  const measure = doc.measures[selected];
  // What a reviewer reads first: the diff and his decision; the planner sees the diff below his work.
  const review = (
    <>
      <DiffSection diff={diff.data} problem={diff.problem} />
      {reviewable && diff.data && (
        <ReviewPanel
          organization={organization}
          fiscalYear={fiscalYear}
          draft={draft}
          diff={diff.data}
          onDecided={(d) => {
            take(d);
            setNote(d.status === 'approved' ? t.approved : null);
          }}
          onStale={() => void diff.reload()}
        />
      )}
    </>
  );

  return (
    <Page
      title={`${t.drafts(fiscalYear)} · ${t.draftN(draft.id)}`}
      actions={<Badge light={STATUS_LIGHT[draft.status]}>{t.statuses[draft.status]}</Badge>}
    >
      <p>
        <a href={href('plan-drafts', fiscalYear)}>{t.back}</a>
      </p>
      <p className="muted">
        {t.revision} {draft.revision} · {draft.base ? t.base(draft.base.revision) : t.noBase} · {t.updated}{' '}
        {draft.updated.by} {date(draft.updated.at, true)}
      </p>
      {draft.baseChanged && <p className="error">{t.baseChanged}</p>}
      {draft.returned && draft.status === 'returned' && (
        <p className="error" role="note">
          {t.returnedBy(draft.returned.by, draft.returned.comment ?? '')}
        </p>
      )}
      {draft.approved && (
        <div className="ok" role="status">
          <p style={{ margin: 0 }}>
            {t.approvedBy(draft.approved.by, draft.approved.revision)}
            {draft.approved.comment ? ` — ${draft.approved.comment}` : ''}
          </p>
          {draft.status === 'approved' && can.activates && (
            <p style={{ margin: 0 }}>
              <a href="#/plans">{t.activateHere}</a>
            </p>
          )}
        </div>
      )}

      <ProblemsContext.Provider value={problems}>
        <CheckSummary validation={problems} checking={checking && editable} />

        {editable && (
          <div className="row sticky-actions">
            <button type="button" className="primary" disabled={!dirty || !!busy} onClick={() => void save()}>
              {busy === t.saving ? t.saving : t.save}
            </button>
            <button
              type="button"
              disabled={!!busy}
              onClick={() =>
                void command(
                  t.submit,
                  () =>
                    api.POST('/api/organizations/{organization}/plans/{fiscalYear}/drafts/{draftId}/submit', {
                      params,
                    }),
                  t.submitted,
                )
              }
            >
              {t.submit}
            </button>
            {!confirmDiscard ? (
              <button type="button" className="danger" onClick={() => setConfirmDiscard(true)}>
                {t.discard}
              </button>
            ) : (
              <button
                type="button"
                className="danger"
                onClick={() =>
                  void command(t.discard, () =>
                    api.POST('/api/organizations/{organization}/plans/{fiscalYear}/drafts/{draftId}/discard', {
                      params,
                    }),
                  )
                }
              >
                {t.confirmDiscard}
              </button>
            )}
            <span role="status" className="muted">
              {busy ?? (dirty ? t.unsaved : note)}
            </span>
          </div>
        )}
        {!editable && note && (
          <p role="status" className="ok">
            {note}
          </p>
        )}
        <ErrorNote problem={problem} />
        {!editable && review}

        {editable && (
          <UnfinishedPanel
            organization={organization}
            fiscalYear={fiscalYear}
            draft={draft}
            busy={!!busy}
            save={save}
            onSaved={take}
          />
        )}
        {editable && (
          <ItaAttachPanel
            organization={organization}
            fiscalYear={fiscalYear}
            draft={draft}
            busy={!!busy}
            save={save}
            onAttached={take}
          />
        )}

        {editable && (
          <CoveragePanel
            organization={organization}
            fiscalYear={fiscalYear}
            draft={draft}
            busy={!!busy}
            onDraft={(items) =>
              command(t.draftMeasure, (current) =>
                api
                  .POST('/api/organizations/{organization}/plans/{fiscalYear}/drafts/{draftId}/measures/from-items', {
                    params,
                    body: { items, revision: current.revision },
                  })
                  .then((r) => {
                    if (r.data) setSelected(r.data.plan.measures.length - 1);
                    return r;
                  }),
              )
            }
          />
        )}

        <Section id="measure-list" title={t.measureList}>
          <FieldProblems path="measures" />
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t.code}</th>
                  <th scope="col">{t.issue}</th>
                  <th scope="col">{t.steps}</th>
                  <th scope="col">{t.check}</th>
                  <th scope="col">
                    <span className="sr-only">{readOnly ? t.view('') : t.edit('')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {doc.measures.map((m, i) => {
                  const n = problems.problems.filter(
                    (p) => p.path === `measures[${i}]` || p.path.startsWith(`measures[${i}].`),
                  ).length;
                  return (
                    <tr key={i} aria-current={i === selected ? 'true' : undefined}>
                      <td>{m.code}</td>
                      <td>{m.title}</td>
                      <td>{m.steps.length}</td>
                      <td>
                        {n ? <Badge light="red">{t.problemsN(n)}</Badge> : <Badge light="green">{t.valid}</Badge>}
                      </td>
                      <td>
                        {i === selected ? (
                          <span className="muted">{readOnly ? t.viewing : t.editing}</span>
                        ) : (
                          <button type="button" className="link" onClick={() => setSelected(i)}>
                            {readOnly ? t.view(m.code) : t.edit(m.code)}
                          </button>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {editable && (
            <div className="row">
              <button
                type="button"
                onClick={() => {
                  edit({
                    ...doc,
                    measures: [...doc.measures, blankMeasure(`M${String(doc.measures.length + 1).padStart(2, '0')}`)],
                  });
                  setSelected(doc.measures.length);
                }}
              >
                {t.addMeasure}
              </button>
              {measure && (
                <button
                  type="button"
                  className="danger"
                  onClick={() => {
                    edit({ ...doc, measures: doc.measures.filter((_, k) => k !== selected) });
                    setSelected(Math.max(0, selected - 1));
                  }}
                >
                  {t.removeMeasure(measure.code)}
                </button>
              )}
            </div>
          )}
        </Section>

        {measure && (
          <MeasureEditor
            key={selected}
            measure={measure}
            index={selected}
            units={doc.units}
            readOnly={readOnly}
            onChange={(m) => editMeasure(selected, m)}
          />
        )}
      </ProblemsContext.Provider>

      {editable && review}
    </Page>
  );
}

function CheckSummary({ validation, checking }: { validation: Validation; checking: boolean }) {
  const t = useText(TEXT);
  return (
    <section aria-labelledby="draft-check" className={validation.valid ? 'ok' : 'error'} style={{ margin: '12px 0' }}>
      <h2 id="draft-check" style={{ marginTop: 0, fontSize: '1.05rem' }}>
        {t.summary}
      </h2>
      <div aria-live="polite">
        <p style={{ margin: 0 }}>
          {checking ? t.checking : validation.valid ? t.allValid : t.problemsN(validation.problems.length)}
        </p>
        {!!validation.problems.length && (
          <ul className="problem-list">
            {validation.problems.map((p, i) => (
              <li key={i}>
                <code>{p.path}</code>: {p.message}
              </li>
            ))}
          </ul>
        )}
        {!!validation.warnings.length && (
          <details>
            <summary>{t.warningsN(validation.warnings.length)}</summary>
            <ul>
              {validation.warnings.map((p, i) => (
                <li key={i}>
                  <code>{p.path}</code>: {p.message}
                </li>
              ))}
            </ul>
          </details>
        )}
      </div>
    </section>
  );
}

function CoveragePanel({
  organization,
  fiscalYear,
  draft,
  busy,
  onDraft,
}: {
  organization: string;
  fiscalYear: number;
  draft: Draft;
  busy: boolean;
  onDraft(items: string[]): Promise<void>;
}) {
  const t = useText(TEXT);
  const [onlyNeeding, setOnlyNeeding] = useState(true);
  const [picked, setPicked] = useState<string[]>([]);
  const coverage = useLoad(
    () =>
      api.GET('/api/organizations/{organization}/plans/{fiscalYear}/drafts/{draftId}/coverage', {
        params: draftPath(organization, fiscalYear, draft.id),
      }),
    [organization, fiscalYear, draft.id, draft.revision],
  );
  const data: Coverage | undefined = coverage.data;
  const items = (data?.items ?? []).filter((i) => !onlyNeeding || i.needsMeasure);
  return (
    <Section id="draft-coverage" title={t.coverage}>
      <p className="muted">{t.coverageHint}</p>
      {coverage.loading ? (
        <Loading />
      ) : !data ? (
        <p className="muted">{t.noIta}</p>
      ) : (
        <>
          <label className="check">
            <input type="checkbox" checked={onlyNeeding} onChange={(e) => setOnlyNeeding(e.target.checked)} />
            {t.onlyNeeding}
          </label>
          <span className="muted"> · {t.coverageSaved}</span>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">
                    <span className="sr-only">{t.pick('')}</span>
                  </th>
                  <th scope="col">{t.item}</th>
                  <th scope="col">{t.question}</th>
                  <th scope="col">{t.score}</th>
                  <th scope="col">{t.class}</th>
                  <th scope="col">{t.coveredBy}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((i) => (
                  <tr key={i.code}>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={t.pick(i.code)}
                        checked={picked.includes(i.code)}
                        onChange={(e) =>
                          setPicked(e.target.checked ? [...picked, i.code] : picked.filter((c) => c !== i.code))
                        }
                      />
                    </td>
                    <td>{i.code}</td>
                    <td>
                      {i.text}
                      {i.subItems.some((s) => s.flagged) && (
                        <ul className="muted">
                          {i.subItems
                            .filter((s) => s.flagged)
                            .map((s) => (
                              <li key={s.number}>
                                {s.text} ({s.score ?? '–'})
                              </li>
                            ))}
                        </ul>
                      )}
                    </td>
                    <td>{i.score ?? '–'}</td>
                    <td>
                      {i.worstClass && <Badge light={CLASS_LIGHT[i.worstClass]}>{t.classes[i.worstClass]}</Badge>}
                    </td>
                    <td>
                      {i.measures.length ? (
                        i.measures.join(', ')
                      ) : i.needsMeasure ? (
                        <Badge light="red">{t.uncovered}</Badge>
                      ) : (
                        '–'
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="row">
            <button
              type="button"
              className="primary"
              disabled={busy || picked.length === 0}
              onClick={() => void onDraft(picked).then(() => setPicked([]))}
            >
              {t.draftMeasure}
            </button>
          </div>
        </>
      )}
    </Section>
  );
}

/** The diff against the stored revision (what approving changes), or the one kept at approval. */
function DiffSection({ diff: d, problem }: { diff: Diff | undefined; problem: ApiProblem | null }) {
  const t = useText(TEXT);
  return (
    <Section id="draft-diff" title={d?.kept ? t.diffKept : t.diff}>
      <ErrorNote problem={problem} />
      {!d ? (
        <Loading />
      ) : (
        <>
          <p className="muted">
            {d.against && !d.kept
              ? t.diffAgainst(d.against.revision, t.storedKinds[d.against.status])
              : !d.against
                ? t.diffNew
                : null}
          </p>
          <ChangeTable diff={d} />
        </>
      )}
    </Section>
  );
}

export function ChangeTable({ diff }: { diff: Diff }) {
  const t = useText(TEXT);
  if (diff.identical) return <p className="muted">{t.identical}</p>;
  const text = (v: unknown) => (v === undefined ? null : typeof v === 'string' ? v : JSON.stringify(v));
  const short = (v: string | null) => (v && v.length > 200 ? `${v.slice(0, 200)}…` : v);
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{t.kind}</th>
            <th scope="col">{t.path}</th>
            <th scope="col">{t.detail}</th>
          </tr>
        </thead>
        <tbody>
          {diff.changes.map((ch, i) => (
            <tr key={`${ch.path}-${i}`}>
              <td>
                <Badge light={CHANGE_LIGHT[ch.kind] ?? 'grey'}>{t.kinds[ch.kind] ?? ch.kind}</Badge>
              </td>
              <td>
                <code>{ch.path}</code>
              </td>
              <td style={{ wordBreak: 'break-word' }}>
                {'before' in ch && ch.before !== undefined && (
                  <div>
                    <span className="muted">{t.before}: </span>
                    {short(text(ch.before))}
                  </div>
                )}
                {'after' in ch && ch.after !== undefined && (
                  <div>
                    <span className="muted">{t.after}: </span>
                    {short(text(ch.after))}
                  </div>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ReviewPanel({
  organization,
  fiscalYear,
  draft,
  diff,
  onDecided,
  onStale,
}: {
  organization: string;
  fiscalYear: number;
  draft: Draft;
  /** The diff shown: approving confirms exactly it (its baseHash), as an import's confirmation does. */
  diff: Diff;
  onDecided(d: Draft): void;
  /** The stored plan changed since the diff was shown: show the new one. */
  onStale(): void;
}) {
  const t = useText(TEXT);
  const params = draftPath(organization, fiscalYear, draft.id);
  const [comment, setComment] = useState('');
  const [returnComment, setReturnComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const decide = async (run: () => Promise<{ data?: Draft; error?: unknown }>) => {
    setBusy(true);
    setProblem(null);
    const { data, error } = await run();
    setBusy(false);
    if (error || !data) {
      const refusal = problemOf(error) as ApiProblem & { preview?: unknown };
      if (refusal.preview) onStale();
      return setProblem(refusal);
    }
    onDecided(data);
  };
  const approve = () =>
    decide(() =>
      api.POST('/api/organizations/{organization}/plans/{fiscalYear}/drafts/{draftId}/approve', {
        params,
        body: { confirm: diff.baseHash, ...(comment.trim() ? { comment } : {}) },
      }),
    );
  return (
    <Section id="draft-review" title={t.review}>
      <div className="form">
        <label>
          {t.comment}
          <textarea value={comment} onChange={(e) => setComment(e.target.value)} rows={2} />
        </label>
        <div className="row">
          <button type="button" className="primary" disabled={busy} onClick={() => void approve()}>
            {t.approve}
          </button>
        </div>
        <label>
          {t.returnComment}
          <textarea value={returnComment} onChange={(e) => setReturnComment(e.target.value)} rows={2} />
        </label>
        <div className="row">
          <button
            type="button"
            disabled={busy || !returnComment.trim()}
            onClick={() =>
              void decide(() =>
                api.POST('/api/organizations/{organization}/plans/{fiscalYear}/drafts/{draftId}/return', {
                  params,
                  body: { comment: returnComment },
                }),
              )
            }
          >
            {t.returnIt}
          </button>
        </div>
        <ErrorNote problem={problem} />
      </div>
    </Section>
  );
}
