/**
 * Plans for planners (the Director may activate): the organization's plans and their status; a
 * plan file is first checked (a dry run: every problem with its path, or its summary and what it
 * would change), then imported, confirming the diff when it changes a stored plan; a plan not yet
 * in use is activated, on the real fiscal calendar or, for training, on a compressed one.
 */
import { useState, type FormEvent } from 'react';
import { api, authorizedFetch, problemOf, type ApiProblem, type paths } from '../api/client';
import { abilities, useAuth } from '../auth';
import { useLoad } from '../data';
import { useCommon, useFormatDate, useText } from '../i18n';
import { Badge, Empty, ErrorNote, Loading, Page, type Light } from '../ui';

const TEXT = {
  th: {
    title: 'แผนและการนำเข้า',
    plans: 'แผนของหน่วยงาน',
    fiscalYear: 'ปีงบประมาณ',
    status: 'สถานะ',
    revision: 'ฉบับที่',
    measures: 'มาตรการ',
    planStatus: { imported: 'นำเข้าแล้ว ยังไม่เริ่มใช้', active: 'ใช้งานอยู่', closed: 'ปิดปีงบประมาณแล้ว' } as Record<
      string,
      string
    >,
    measureCount: (n: number, incomplete: number) => `${n} มาตรการ${incomplete ? ` (ยังไม่ครบถ้วน ${incomplete})` : ''}`,
    upload: 'นำเข้าไฟล์แผน',
    file: 'ไฟล์แผน (.json หรือ .xlsx)',
    itaLink: 'วิเคราะห์ผล ITA ดาวน์โหลดแผนเป็น Excel และนำเข้าผล ITA',
    fileHint: 'ระบบจะตรวจสอบไฟล์ทั้งไฟล์ก่อน โดยยังไม่บันทึกอะไร แล้วแสดงผลการตรวจสอบให้พิจารณา',
    checking: 'กำลังตรวจสอบไฟล์…',
    importing: 'กำลังนำเข้า…',
    checkAgain: 'ตรวจสอบอีกครั้ง',
    report: 'ผลการตรวจสอบไฟล์',
    invalid: (n: number) => `ไฟล์ไม่ถูกต้อง พบปัญหา ${n} รายการ — ยังไม่มีการบันทึกใด ๆ แก้ไขไฟล์แล้วเลือกใหม่`,
    dryStatus: {
      'would-create': 'ไฟล์ถูกต้อง: เป็นแผนใหม่ที่ยังไม่มีในระบบ',
      'would-update': 'ไฟล์ถูกต้อง: แตกต่างจากแผนที่บันทึกไว้ ตามรายการเปลี่ยนแปลงด้านล่าง',
      unchanged: 'ไฟล์ถูกต้อง: เหมือนแผนที่บันทึกไว้ทุกประการ ไม่มีอะไรต้องนำเข้า',
      created: 'นำเข้าแผนใหม่เรียบร้อยแล้ว',
      updated: 'ปรับปรุงแผนตามไฟล์เรียบร้อยแล้ว',
    } as Record<string, string>,
    planOf: (org: string, fy: number) => `แผนของ ${org} ปีงบประมาณ พ.ศ. ${fy}`,
    revisionN: (n: number) => `ฉบับที่ ${n}`,
    summary: 'สรุปเนื้อหาในไฟล์',
    units: 'หน่วยงาน',
    steps: 'ขั้นตอน',
    itaItems: 'ข้อการประเมิน ITA',
    corrections: 'รายการแก้ไขจากต้นฉบับ',
    changes: (n: number) => `รายการเปลี่ยนแปลง (${n})`,
    noChanges: 'ไม่มีการเปลี่ยนแปลง',
    kind: 'ประเภท',
    path: 'ตำแหน่งในแผน',
    detail: 'ก่อนและหลัง',
    before: 'เดิม',
    after: 'ใหม่',
    full: 'ดูทั้งหมด',
    kinds: { added: 'เพิ่ม', removed: 'ลบ', changed: 'แก้ไข' } as Record<string, string>,
    import: 'นำเข้าแผน',
    activeNote: 'แผนปีนี้ใช้งานอยู่แล้ว จึงนำเข้าทับไม่ได้ ให้แก้ไขผ่านการแก้ไขมาตรการแทน',
    conflict: 'แผนที่บันทึกไว้แตกต่างจากไฟล์นี้ โปรดตรวจสอบรายการเปลี่ยนแปลง แล้วกดยืนยันเพื่อบันทึก',
    confirm: 'ยืนยันการเปลี่ยนแปลง',
    activate: 'เริ่มใช้แผน',
    activateFor: (fy: number) => `เริ่มใช้แผนปีงบประมาณ พ.ศ. ${fy}`,
    activateHint:
      'ระบบจะเริ่มติดตามทุกมาตรการของแผน (มาตรการละหนึ่งกระบวนงาน) และเปิดงานให้หน่วยงานตามไตรมาสของปีงบประมาณ (1 ต.ค. – 30 ก.ย.) กดซ้ำได้โดยไม่เริ่มซ้ำ',
    incompleteNote: (codes: string) => `มาตรการที่ยังไม่ครบถ้วนจะถูกข้าม: ${codes}`,
    demo: 'ปีย่อส่วนสำหรับการสาธิตหรือฝึกอบรม',
    demoHint:
      'ใช้สำหรับการสาธิตและฝึกอบรมเท่านั้น ห้ามใช้กับแผนจริง: ทั้งปีงบประมาณจะเดินเร็วขึ้น แต่ละไตรมาสยาวตามจำนวนวินาทีที่กำหนด และกำหนดส่งต่าง ๆ ย่อส่วนตาม เริ่มไตรมาสที่ 1 ในอีกประมาณ 5 วินาที',
    quarterSeconds: 'ความยาวของแต่ละไตรมาส (วินาที, 20 ขึ้นไป)',
    activating: 'กำลังเริ่มใช้แผน…',
    activated: (fy: number) => `เริ่มใช้แผนปีงบประมาณ พ.ศ. ${fy} แล้ว`,
    calendar: 'ปฏิทิน',
    compressed: 'ปีย่อส่วน (สาธิต/ฝึกอบรม)',
    real: 'ปีงบประมาณจริง',
    started: (n: number) => `เริ่มติดตามแล้ว ${n} มาตรการ`,
    alreadyStarted: (n: number) => `เริ่มไว้ก่อนแล้ว ${n} มาตรการ`,
    skipped: (n: number) => `ข้าม ${n} มาตรการ`,
    noPlans: 'ยังไม่มีแผน นำเข้าไฟล์แผนด้านล่าง',
    directorNote: 'ผู้จัดทำแผนเป็นผู้นำเข้าแผน ผู้อำนวยการเริ่มใช้แผนได้',
  },
  en: {
    title: 'Plans',
    plans: "The organization's plans",
    fiscalYear: 'Fiscal year',
    status: 'Status',
    revision: 'Revision',
    measures: 'Measures',
    planStatus: { imported: 'Imported, not in use yet', active: 'In use', closed: 'Year closed' } as Record<
      string,
      string
    >,
    measureCount: (n: number, incomplete: number) => `${n} measures${incomplete ? ` (${incomplete} incomplete)` : ''}`,
    upload: 'Import a plan file',
    file: 'Plan file (.json or .xlsx)',
    itaLink: 'ITA analysis, the plan as an Excel workbook, and ITA results import',
    fileHint: 'The whole file is checked first, with nothing saved, and the result shown for you to review',
    checking: 'Checking the file…',
    importing: 'Importing…',
    checkAgain: 'Check again',
    report: 'Check of the file',
    invalid: (n: number) =>
      `The file is not valid: ${n} problem${n === 1 ? '' : 's'} found. Nothing was saved; correct the file and choose it again`,
    dryStatus: {
      'would-create': 'The file is valid: a new plan, not in the system yet',
      'would-update': 'The file is valid: it differs from the stored plan as listed below',
      unchanged: 'The file is valid: identical to the stored plan, nothing to import',
      created: 'The new plan was imported',
      updated: 'The plan was updated from the file',
    } as Record<string, string>,
    planOf: (org: string, fy: number) => `${org}'s plan for fiscal year ${fy} BE`,
    revisionN: (n: number) => `revision ${n}`,
    summary: 'What the file holds',
    units: 'Units',
    steps: 'Steps',
    itaItems: 'ITA items',
    corrections: 'Corrections of the source',
    changes: (n: number) => `Changes (${n})`,
    noChanges: 'No changes',
    kind: 'Kind',
    path: 'Where in the plan',
    detail: 'Before and after',
    before: 'Was',
    after: 'Now',
    full: 'Show all',
    kinds: { added: 'Added', removed: 'Removed', changed: 'Changed' } as Record<string, string>,
    import: 'Import the plan',
    activeNote: "This year's plan is in use and cannot be imported over; change it through measure amendments instead",
    conflict: 'The stored plan differs from this file. Review the changes, then confirm to save them',
    confirm: 'Confirm the changes',
    activate: 'Activate',
    activateFor: (fy: number) => `Activate the plan for fiscal year ${fy} BE`,
    activateHint:
      "Starts tracking every measure of the plan (one workflow per measure) and opens the units' tasks quarter by quarter on the fiscal year (1 Oct – 30 Sep). Activating again starts nothing twice.",
    incompleteNote: (codes: string) => `Incomplete measures are skipped: ${codes}`,
    demo: 'Compressed year for a demonstration or training',
    demoHint:
      'For demonstrations and training only, never for the real plan: the whole fiscal year runs fast, each quarter lasting the seconds given, with deadlines scaled to match. Q1 starts in about 5 seconds.',
    quarterSeconds: 'Length of each quarter (seconds, at least 20)',
    activating: 'Activating…',
    activated: (fy: number) => `The plan for fiscal year ${fy} BE is activated`,
    calendar: 'Calendar',
    compressed: 'Compressed (demonstration/training)',
    real: 'The real fiscal year',
    started: (n: number) => `${n} measure${n === 1 ? '' : 's'} started`,
    alreadyStarted: (n: number) => `${n} already running`,
    skipped: (n: number) => `${n} skipped`,
    noPlans: 'No plan yet; import a plan file below',
    directorNote: 'Planners import plans; the Director may activate them',
  },
};

type ImportResult = paths['/api/plans/import']['post']['responses'][200]['content']['application/json'];
type Change = ImportResult['changes'][number];
type ImportConflict = paths['/api/plans/import']['post']['responses'][409]['content']['application/json'];
/** What a refused import answers: its problems and, when the diff must be confirmed, the diff (`preview`). */
type ImportRefusal = ApiProblem & { preview?: ImportConflict['preview'] };

const activatePlan = (organization: string, fiscalYear: number, quarterSeconds: number | null) =>
  api.POST('/api/organizations/{organization}/plans/{fiscalYear}/activate', {
    params: { path: { organization, fiscalYear: fiscalYear } },
    body: quarterSeconds ? { calendar: { quarterSeconds } } : {},
  });
type Activation = NonNullable<Awaited<ReturnType<typeof activatePlan>>['data']>;

/** Sends the plan file's bytes as they are. */
async function sendPlan(
  file: File,
  query: { dryRun?: boolean; confirm?: string },
): Promise<{ ok: true; result: ImportResult } | { ok: false; status: number; refusal: ImportRefusal }> {
  const params = new URLSearchParams();
  if (query.dryRun) params.set('dryRun', 'true');
  if (query.confirm) params.set('confirm', query.confirm);
  const response = await authorizedFetch(`/api/plans/import${params.size ? `?${params}` : ''}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/octet-stream' },
    body: file,
  });
  const body: unknown = await response.json().catch(() => ({ message: `${response.status} ${response.statusText}` }));
  if (response.ok) return { ok: true, result: body as ImportResult };
  return { ok: false, status: response.status, refusal: problemOf(body) as ImportRefusal };
}

const PLAN_LIGHT: Record<string, Light> = { imported: 'blue', active: 'green', closed: 'grey' };
const CHANGE_LIGHT: Record<string, Light> = { added: 'green', removed: 'red', changed: 'amber' };

export function PlansPage() {
  const t = useText(TEXT);
  const { me } = useAuth();
  const can = abilities(me);
  const organization = me?.organization ?? '';
  const orgs = useLoad(() => api.GET('/api/organizations'), [organization]);
  const org = orgs.data?.[0];
  const plans = [...(org?.plans ?? [])].sort((a, b) => b.fiscalYear - a.fiscalYear);
  const [activations, setActivations] = useState<Activation[]>([]);

  return (
    <Page title={t.title}>
      <section aria-labelledby="plans-list">
        <h2 id="plans-list">{t.plans}</h2>
        <ErrorNote problem={orgs.problem} />
        {orgs.loading ? (
          <Loading />
        ) : plans.length === 0 ? (
          can.plans ? (
            <p className="muted">{t.noPlans}</p>
          ) : (
            <Empty />
          )
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t.fiscalYear}</th>
                  <th scope="col">{t.status}</th>
                  <th scope="col">{t.revision}</th>
                  <th scope="col">{t.measures}</th>
                </tr>
              </thead>
              <tbody>
                {plans.map((p) => (
                  <tr key={p.fiscalYear}>
                    <th scope="row" style={{ background: 'none' }}>
                      {p.fiscalYear}
                    </th>
                    <td>
                      <Badge light={PLAN_LIGHT[p.status] ?? 'grey'}>{t.planStatus[p.status] ?? p.status}</Badge>
                    </td>
                    <td>{p.revision}</td>
                    <td>
                      <MeasureCount organization={organization} fiscalYear={p.fiscalYear} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {!can.plans && <p className="muted">{t.directorNote}</p>}
        {plans.length > 0 && (
          <p>
            <a href="#/ita">{t.itaLink}</a>
          </p>
        )}
      </section>

      {can.plans && (
        <ImportSection
          activeYears={plans.filter((p) => p.status === 'active').map((p) => p.fiscalYear)}
          onImported={orgs.reload}
        />
      )}

      {activations.map((a) => (
        <ActivationReport key={`${a.fiscalYear}-${a.calendar.start}`} result={a} />
      ))}

      {can.activates &&
        plans
          .filter((p) => p.status === 'imported')
          .map((p) => (
            <ActivateCard
              key={p.fiscalYear}
              organization={organization}
              fiscalYear={p.fiscalYear}
              onActivated={async (a) => {
                setActivations([a, ...activations]);
                await orgs.reload();
              }}
            />
          ))}
    </Page>
  );
}

function useMeasures(organization: string, fiscalYear: number) {
  return useLoad(
    () =>
      organization
        ? api.GET('/api/organizations/{organization}/plans/{fiscalYear}/measures', {
            params: { path: { organization, fiscalYear: fiscalYear } },
          })
        : Promise.resolve({ data: undefined }),
    [organization, fiscalYear],
  );
}

function MeasureCount({ organization, fiscalYear }: { organization: string; fiscalYear: number }) {
  const t = useText(TEXT);
  const { data } = useMeasures(organization, fiscalYear);
  if (!data) return <>–</>;
  return <>{t.measureCount(data.length, data.filter((m) => m.incomplete).length)}</>;
}

function ActivateCard({
  organization,
  fiscalYear,
  onActivated,
}: {
  organization: string;
  fiscalYear: number;
  onActivated(result: Activation): Promise<void>;
}) {
  const t = useText(TEXT);
  const measures = useMeasures(organization, fiscalYear);
  const incomplete = (measures.data ?? []).filter((m) => m.incomplete).map((m) => m.code);
  const [demo, setDemo] = useState(false);
  const [seconds, setSeconds] = useState('120');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const id = `activate-${fiscalYear}`;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    const { data, error } = await activatePlan(organization, fiscalYear, demo ? Number(seconds) : null);
    setBusy(false);
    if (error || !data) return setProblem(problemOf(error));
    await onActivated(data);
  };
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t.activateFor(fiscalYear)}</h2>
      <p>{t.activateHint}</p>
      {incomplete.length > 0 && <p className="muted">{t.incompleteNote(incomplete.join(', '))}</p>}
      <form className="form" onSubmit={(e) => void submit(e)}>
        <label style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
          <input
            type="checkbox"
            checked={demo}
            onChange={(e) => setDemo(e.target.checked)}
            style={{ width: 'auto', minHeight: 0 }}
            aria-describedby={`${id}-demo`}
          />
          {t.demo}
        </label>
        <p id={`${id}-demo`} className="muted" style={{ margin: 0 }}>
          {t.demoHint}
        </p>
        {demo && (
          <label>
            {t.quarterSeconds}
            <input
              type="number"
              min={20}
              max={7948800}
              step={1}
              value={seconds}
              onChange={(e) => setSeconds(e.target.value)}
              required
              inputMode="numeric"
            />
          </label>
        )}
        <ErrorNote problem={problem} />
        <div className="row">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t.activating : t.activate}
          </button>
        </div>
      </form>
    </section>
  );
}

function ActivationReport({ result: a }: { result: Activation }) {
  const t = useText(TEXT);
  const date = useFormatDate();
  const withTime = a.calendar.compressed;
  return (
    <section className="ok" role="status" aria-labelledby={`activated-${a.fiscalYear}`} style={{ margin: '12px 0' }}>
      <h2 id={`activated-${a.fiscalYear}`} style={{ marginTop: 0 }}>
        {t.activated(a.fiscalYear)}
      </h2>
      <p>
        {t.calendar}: {a.calendar.compressed ? t.compressed : t.real} · {date(a.calendar.start, withTime)} –{' '}
        {date(a.calendar.end, withTime)}
      </p>
      <ul>
        <li>
          {t.started(a.started.length)}
          {a.started.length > 0 && <>: {a.started.map((s) => s.measureCode).join(', ')}</>}
        </li>
        {a.alreadyStarted.length > 0 && (
          <li>
            {t.alreadyStarted(a.alreadyStarted.length)}: {a.alreadyStarted.map((s) => s.measureCode).join(', ')}
          </li>
        )}
        <li>
          {t.skipped(a.skipped.length)}
          {a.skipped.length > 0 && (
            <ul>
              {a.skipped.map((s) => (
                <li key={s.measureCode}>
                  <strong>{s.measureCode}</strong>: {s.reason}
                </li>
              ))}
            </ul>
          )}
        </li>
      </ul>
    </section>
  );
}

type Stage =
  | { kind: 'idle' }
  | { kind: 'invalid'; refusal: ImportRefusal }
  | { kind: 'checked'; result: ImportResult }
  | { kind: 'conflict'; refusal: ImportRefusal & { preview: ImportResult } }
  | { kind: 'done'; result: ImportResult };

function ImportSection({ activeYears, onImported }: { activeYears: number[]; onImported(): Promise<void> }) {
  const t = useText(TEXT);
  const [file, setFile] = useState<File | null>(null);
  const [stage, setStage] = useState<Stage>({ kind: 'idle' });
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const send = async (chosen: File, query: { dryRun?: boolean; confirm?: string }) => {
    setBusy(query.dryRun ? t.checking : t.importing);
    setProblem(null);
    try {
      const answer = await sendPlan(chosen, query);
      if (answer.ok) {
        setStage(query.dryRun ? { kind: 'checked', result: answer.result } : { kind: 'done', result: answer.result });
        if (!query.dryRun) await onImported();
      } else if (answer.status === 422) {
        setStage({ kind: 'invalid', refusal: answer.refusal });
      } else if (answer.status === 409 && answer.refusal.preview) {
        setStage({ kind: 'conflict', refusal: { ...answer.refusal, preview: answer.refusal.preview } });
      } else {
        setProblem(answer.refusal);
      }
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(null);
    }
  };
  const choose = (chosen: File | undefined) => {
    setFile(chosen ?? null);
    setStage({ kind: 'idle' });
    setProblem(null);
    if (chosen) void send(chosen, { dryRun: true });
  };

  const checked = stage.kind === 'checked' ? stage.result : null;
  const locked = !!checked && checked.status === 'would-update' && activeYears.includes(checked.fiscalYear);
  return (
    <section aria-labelledby="plan-import">
      <h2 id="plan-import">{t.upload}</h2>
      <div className="form">
        <label>
          {t.file}
          <input
            type="file"
            accept=".json,application/json,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => choose(e.target.files?.[0])}
            aria-describedby="plan-file-hint"
            disabled={!!busy}
          />
        </label>
        <p id="plan-file-hint" className="muted" style={{ margin: 0 }}>
          {t.fileHint}
        </p>
        {file && stage.kind !== 'idle' && !busy && (
          <div className="row">
            <button type="button" onClick={() => void send(file, { dryRun: true })}>
              {t.checkAgain}
            </button>
          </div>
        )}
      </div>
      <div role="status">{busy && <p className="muted">{busy}</p>}</div>
      <ErrorNote problem={problem} />

      {stage.kind === 'invalid' && (
        <section aria-labelledby="plan-report" className="card">
          <h3 id="plan-report">
            {t.report}
            {file ? `: ${file.name}` : ''}
          </h3>
          <p>
            <strong>
              <span aria-hidden="true">✗ </span>
              {t.invalid(stage.refusal.problems?.length ?? 0)}
            </strong>
          </p>
          <ErrorNote problem={stage.refusal} />
        </section>
      )}

      {checked && (
        <section aria-labelledby="plan-report" className="card">
          <h3 id="plan-report">
            {t.report}
            {file ? `: ${file.name}` : ''}
          </h3>
          <ImportReport result={checked} />
          {locked && <p className="error">{t.activeNote}</p>}
          {checked.status !== 'unchanged' && !locked && file && (
            <div className="row">
              <button type="button" className="primary" disabled={!!busy} onClick={() => void send(file, {})}>
                {t.import}
              </button>
            </div>
          )}
        </section>
      )}

      {stage.kind === 'conflict' && (
        <section aria-labelledby="plan-conflict" className="card">
          <h3 id="plan-conflict">{t.confirm}</h3>
          <p role="alert">
            <strong>{t.conflict}</strong>
          </p>
          <ImportReport result={stage.refusal.preview} inConflict />
          {file && stage.refusal.preview.baseHash && (
            <div className="row">
              <button
                type="button"
                className="primary"
                disabled={!!busy}
                onClick={() => void send(file, { confirm: stage.refusal.preview.baseHash ?? undefined })}
              >
                {t.confirm}
              </button>
            </div>
          )}
        </section>
      )}

      {stage.kind === 'done' && (
        <section aria-labelledby="plan-done" className="card">
          <h3 id="plan-done" className="ok" role="status">
            {t.dryStatus[stage.result.status] ?? stage.result.status}
          </h3>
          <ImportReport result={stage.result} />
        </section>
      )}
    </section>
  );
}

/** A dry run's (or an import's) report: the plan, its contents and what it changes. */
function ImportReport({ result: r, inConflict = false }: { result: ImportResult; inConflict?: boolean }) {
  const t = useText(TEXT);
  const c = useCommon();
  const ok = r.status === 'created' || r.status === 'updated';
  return (
    <>
      {!ok && !inConflict && (
        <p>
          <strong>
            <span aria-hidden="true">✓ </span>
            {t.dryStatus[r.status] ?? r.status}
          </strong>
        </p>
      )}
      <p>
        {t.planOf(r.organization, r.fiscalYear)}
        {r.revision !== null && r.revision !== undefined ? ` · ${t.revisionN(r.revision)}` : ''}
      </p>
      <h4>{t.summary}</h4>
      <table style={{ maxWidth: 480 }}>
        <tbody>
          {(
            [
              ['units', r.summary.units],
              ['measures', r.summary.measures],
              ['steps', r.summary.steps],
              ['itaItems', r.summary.itaItems],
              ['corrections', r.summary.corrections],
            ] as const
          ).map(([k, n]) => (
            <tr key={k}>
              <th scope="row">{t[k]}</th>
              <td>{n}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {r.changes.length === 0 ? (
        <p className="muted">{t.noChanges}</p>
      ) : (
        <details open={r.changes.length <= 40}>
          <summary>{t.changes(r.changes.length)}</summary>
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
                {r.changes.map((ch, i) => (
                  <tr key={`${ch.path}-${i}`}>
                    <td>
                      <Badge light={CHANGE_LIGHT[ch.kind] ?? 'grey'}>{t.kinds[ch.kind] ?? ch.kind}</Badge>
                    </td>
                    <td>
                      <code>{ch.path}</code>
                    </td>
                    <td>
                      <ChangeDetail change={ch} none={c.none} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
    </>
  );
}

/** Before and after, shortened: the diff names the place; the file has the whole text. */
function ChangeDetail({ change, none }: { change: Change; none: string }) {
  const t = useText(TEXT);
  const text = (v: unknown) => (v === undefined ? null : typeof v === 'string' ? v : JSON.stringify(v, null, 1));
  const before = 'before' in change ? text(change.before) : null;
  const after = 'after' in change ? text(change.after) : null;
  if (before === null && after === null) return <span className="muted">{none}</span>;
  const short = (v: string) => (v.length > 160 ? `${v.slice(0, 160)}…` : v);
  const long = (before?.length ?? 0) > 160 || (after?.length ?? 0) > 160;
  const side = (label: string, v: string | null, full: boolean) =>
    v !== null && (
      <div>
        <span className="muted">{label}: </span>
        {full ? (
          <pre style={{ whiteSpace: 'pre-wrap', margin: 0, font: 'inherit' }}>{v}</pre>
        ) : (
          short(v.replace(/\s+/g, ' '))
        )}
      </div>
    );
  return (
    <div style={{ wordBreak: 'break-word' }}>
      {side(t.before, before, false)}
      {side(t.after, after, false)}
      {long && (
        <details>
          <summary>{t.full}</summary>
          {side(t.before, before, true)}
          {side(t.after, after, true)}
        </details>
      )}
    </div>
  );
}
