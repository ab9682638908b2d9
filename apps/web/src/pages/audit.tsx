/**
 * The audit trail for auditors (and the Director and his Deputy): search it by measure, unit,
 * person, action and dates, page through the results, download the same search as CSV for Excel,
 * and verify that the hash chain is intact (no entry altered, deleted or reordered).
 */
import { useState, type FormEvent } from 'react';
import { api, authorizedFetch, problemOf, type ApiProblem } from '../api/client';
import { useAuth } from '../auth';
import { useLoad, usePlanYear } from '../data';
import { useCommon, useFormatDate, useText } from '../i18n';
import { href } from '../router';
import { Badge, Empty, ErrorNote, Loading, Page } from '../ui';

/** The actions the trail records, by family (a family searches as its prefix: "task."). */
const families = (labels: Record<string, string>): Record<string, string[]> =>
  Object.keys(labels).reduce<Record<string, string[]>>((by, action) => {
    (by[action.split('.')[0]] ??= []).push(action);
    return by;
  }, {});

const TEXT = {
  th: {
    title: 'ประวัติและการตรวจสอบ',
    search: 'ค้นหาประวัติ',
    fiscalYear: 'ปีงบประมาณ',
    anyYear: 'ทุกปีงบประมาณ',
    measure: 'รหัสมาตรการ',
    unit: 'หน่วยงาน',
    actor: 'ผู้ดำเนินการ',
    anyone: 'ทุกคน',
    system: 'ระบบ (อัตโนมัติ)',
    operator: 'ผู้ดูแลระบบ',
    otherActor: 'อื่น ๆ (พิมพ์ชื่อผู้ใช้)…',
    actorId: 'ชื่อผู้ใช้ของผู้ดำเนินการ',
    action: 'การดำเนินการ',
    anyAction: 'ทุกการดำเนินการ',
    family: (f: string) => `ทั้งหมดในกลุ่ม ${f}`,
    from: 'ตั้งแต่วันที่',
    to: 'ถึงวันที่ (รวมวันนั้น)',
    dateHint: 'วันที่ตามเวลาประเทศไทย',
    pageSize: 'จำนวนต่อหน้า',
    find: 'ค้นหา',
    clear: 'ล้างเงื่อนไข',
    csv: 'ดาวน์โหลด CSV',
    csvBusy: 'กำลังเตรียมไฟล์…',
    csvHint: 'ไฟล์ CSV ตามเงื่อนไขเดียวกับผลการค้นหา (ทุกหน้า) เปิดด้วย Excel ได้',
    badRange: 'วันที่เริ่มต้องไม่อยู่หลังวันที่สิ้นสุด',
    results: 'ผลการค้นหา',
    found: (n: number) => `พบ ${n.toLocaleString('th-TH')} รายการ`,
    pageOf: (p: number, n: number) => `หน้า ${p} จาก ${n}`,
    prev: 'หน้าก่อน',
    next: 'หน้าถัดไป',
    order: 'เรียงตามลำดับในสายโซ่ จากเก่าไปใหม่',
    when: 'วันเวลา',
    what: 'การดำเนินการ',
    key: 'รายการ',
    who: 'ผู้ดำเนินการ',
    actorUnit: 'หน่วยงาน',
    authority: 'อำนาจที่ใช้',
    text: 'ข้อความที่บันทึก',
    measureCol: 'มาตรการ',
    seq: 'ลำดับในสายโซ่',
    timeline: (code: string) => `ดูความเคลื่อนไหวของมาตรการ ${code}`,
    unchained: 'ยังไม่เข้าสายโซ่',
    verify: 'ความสมบูรณ์ของสายโซ่ประวัติ',
    verifyAgain: 'ตรวจสอบอีกครั้ง',
    verifying: 'กำลังตรวจสอบ…',
    intact: 'สายโซ่ประวัติสมบูรณ์ ไม่มีรายการใดถูกแก้ไข ลบ หรือสลับลำดับ',
    broken: 'สายโซ่ประวัติไม่สมบูรณ์',
    checked: (n: number, at: string) => `ตรวจสอบ ${n.toLocaleString('th-TH')} รายการ เมื่อ ${at}`,
    firstBad: (seq: number | null, id: number | null) =>
      `รายการแรกที่ผิด: ลำดับที่ ${seq ?? '–'}${id !== null ? ` (รหัสรายการ ${id})` : ''}`,
    reason: 'สาเหตุ',
    families: {
      task: 'งาน',
      report: 'รายงาน',
      escalation: 'การส่งต่อเรื่อง',
      delegation: 'การมอบอำนาจ',
      account: 'บัญชีผู้ใช้',
      plan: 'แผน',
      organization: 'หน่วยงาน',
      unit: 'ส่วนงาน',
      measure: 'มาตรการ',
      quarter: 'ไตรมาส',
    } as Record<string, string>,
  },
  en: {
    title: 'History and audit',
    search: 'Search the trail',
    fiscalYear: 'Fiscal year',
    anyYear: 'Any fiscal year',
    measure: 'Measure code',
    unit: 'Unit',
    actor: 'Done by',
    anyone: 'Anyone',
    system: 'The system (automatic)',
    operator: 'System operator',
    otherActor: 'Someone else (type a username)…',
    actorId: "The actor's username",
    action: 'Action',
    anyAction: 'Any action',
    family: (f: string) => `Every ${f} action`,
    from: 'From',
    to: 'To (inclusive)',
    dateHint: 'Dates in Thailand time',
    pageSize: 'Rows per page',
    find: 'Search',
    clear: 'Clear',
    csv: 'Download CSV',
    csvBusy: 'Preparing the file…',
    csvHint: 'The same search as a CSV file (every page), opens in Excel',
    badRange: 'The start date may not be after the end date',
    results: 'Results',
    found: (n: number) => `${n.toLocaleString('en-GB')} entr${n === 1 ? 'y' : 'ies'} found`,
    pageOf: (p: number, n: number) => `Page ${p} of ${n}`,
    prev: 'Previous page',
    next: 'Next page',
    order: 'In chain order, oldest first',
    when: 'When',
    what: 'Action',
    key: 'Item',
    who: 'Done by',
    actorUnit: 'Unit',
    authority: 'Authority used',
    text: 'Text written',
    measureCol: 'Measure',
    seq: 'Chain seq.',
    timeline: (code: string) => `See the timeline of measure ${code}`,
    unchained: 'not chained yet',
    verify: 'Integrity of the audit chain',
    verifyAgain: 'Verify again',
    verifying: 'Verifying…',
    intact: 'The audit chain is intact: no entry was altered, deleted or reordered',
    broken: 'The audit chain is broken',
    checked: (n: number, at: string) => `${n.toLocaleString('en-GB')} entries checked on ${at}`,
    firstBad: (seq: number | null, id: number | null) =>
      `First bad entry: number ${seq ?? '–'} in the chain${id !== null ? ` (entry id ${id})` : ''}`,
    reason: 'Reason',
    families: {
      task: 'task',
      report: 'report',
      escalation: 'escalation',
      delegation: 'delegation',
      account: 'account',
      plan: 'plan',
      organization: 'organization',
      unit: 'unit',
      measure: 'measure',
      quarter: 'quarter',
    } as Record<string, string>,
  },
};

/** The search as typed into the form (strings, as the inputs hold them). */
interface Filter {
  fiscalYear: string;
  measure: string;
  unit: string;
  actor: string;
  actorOther: string;
  action: string;
  from: string;
  to: string;
}
const EMPTY: Filter = {
  fiscalYear: '',
  measure: '',
  unit: '',
  actor: '',
  actorOther: '',
  action: '',
  from: '',
  to: '',
};
const OTHER = '(other)';
const DAY_MS = 86_400_000;

/** A date input's YYYY-MM-DD as the instant that day starts in Bangkok (UTC+7 all year, no daylight saving). */
function bangkokStart(date: string): string {
  return new Date(`${date}T00:00:00+07:00`).toISOString();
}

/** The API's query for a search: from inclusive, to exclusive (the day after the last day asked for). */
function queryOf(f: Filter) {
  const actor = f.actor === OTHER ? f.actorOther.trim() : f.actor;
  return {
    ...(f.fiscalYear ? { fiscalYear: Number(f.fiscalYear) } : {}),
    ...(f.measure.trim() ? { measure: f.measure.trim() } : {}),
    ...(f.unit.trim() ? { unit: f.unit.trim() } : {}),
    ...(actor ? { actor } : {}),
    ...(f.action ? { action: f.action } : {}),
    ...(f.from ? { from: bangkokStart(f.from) } : {}),
    ...(f.to ? { to: new Date(new Date(bangkokStart(f.to)).getTime() + DAY_MS).toISOString() } : {}),
  };
}

/** The words people wrote with a change: a task's note or return reason, a report's summary or comments, a delegation's reason. */
function writtenText(action: string, after: unknown): string {
  if (!after || typeof after !== 'object') return '';
  const a = after as {
    submission?: { note?: unknown };
    returnReason?: unknown;
    summary?: unknown;
    comments?: unknown;
    reason?: unknown;
  };
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  switch (action) {
    case 'task.submitted':
      return str(a.submission?.note);
    case 'task.returned':
      return str(a.returnReason);
    case 'report.submitted':
      return str(a.summary);
    case 'report.returned':
    case 'report.approved':
      return str(a.comments);
    default:
      return str(a.reason);
  }
}

export function AuditPage() {
  const t = useText(TEXT);
  const c = useCommon();
  const date = useFormatDate();
  const { me } = useAuth();
  const organization = me?.organization ?? '';
  const { fiscalYear: planYear } = usePlanYear();

  const [form, setForm] = useState<Filter>(EMPTY);
  const [applied, setApplied] = useState<Filter>(EMPTY);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(50);
  const [formProblem, setFormProblem] = useState<ApiProblem | null>(null);
  const [csvBusy, setCsvBusy] = useState(false);

  const orgs = useLoad(() => api.GET('/api/organizations'), [organization]);
  const years = (orgs.data?.[0]?.plans ?? []).map((p) => p.fiscalYear).sort((a, b) => b - a);
  const users = useLoad(
    () =>
      organization
        ? api.GET('/api/organizations/{organization}/users', { params: { path: { organization } } })
        : Promise.resolve({ data: undefined }),
    [organization],
  );
  const people = [...(users.data ?? [])].sort((a, b) => a.username.localeCompare(b.username));
  const nameOf = (id: string) => people.find((u) => u.username === id)?.displayName;
  const measureYear = form.fiscalYear ? Number(form.fiscalYear) : planYear;
  const measures = useLoad(
    () =>
      organization && measureYear
        ? api.GET('/api/organizations/{organization}/plans/{fiscalYear}/measures', {
            params: { path: { organization, fiscalYear: measureYear } },
          })
        : Promise.resolve({ data: undefined }),
    [organization, measureYear],
  );
  const unitCodes = [
    ...new Set([
      ...(measures.data ?? []).flatMap((m) => m.responsibleUnits.map((u) => u.code).filter((u) => u !== 'ALL')),
      ...people.flatMap((u) => (u.unitCode ? [u.unitCode] : [])),
    ]),
  ].sort();

  const query = queryOf(applied);
  const queryKey = JSON.stringify(query);
  const entries = useLoad(
    () =>
      organization
        ? api.GET('/api/organizations/{organization}/audit/entries', {
            params: { path: { organization }, query: { ...query, page, pageSize } },
          })
        : Promise.resolve({ data: undefined }),
    [organization, queryKey, page, pageSize],
  );
  const verdict = useLoad(
    () =>
      organization
        ? api.GET('/api/organizations/{organization}/audit/verify', { params: { path: { organization } } })
        : Promise.resolve({ data: undefined }),
    [organization],
  );

  const set = (field: keyof Filter) => (e: { target: { value: string } }) =>
    setForm({ ...form, [field]: e.target.value });
  const search = (e: FormEvent) => {
    e.preventDefault();
    if (form.from && form.to && form.from > form.to) {
      setFormProblem({ message: t.badRange, problems: [{ path: 'from', message: t.badRange }] });
      return;
    }
    setFormProblem(null);
    setPage(1);
    setApplied(form);
    if (JSON.stringify(queryOf(form)) === queryKey && page === 1) void entries.reload();
  };
  const clear = () => {
    setForm(EMPTY);
    setApplied(EMPTY);
    setPage(1);
    setFormProblem(null);
  };

  const downloadCsv = async () => {
    setCsvBusy(true);
    setFormProblem(null);
    try {
      const params = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
      const response = await authorizedFetch(
        `/api/organizations/${encodeURIComponent(organization)}/audit/entries.csv?${params}`,
      );
      if (!response.ok) {
        setFormProblem(
          problemOf(await response.json().catch(() => ({ message: `${response.status} ${response.statusText}` }))),
        );
        return;
      }
      const url = URL.createObjectURL(await response.blob());
      const stamp = new Date().toISOString().slice(0, 10);
      const a = Object.assign(document.createElement('a'), {
        href: url,
        download: `audit-${organization}-${stamp}.csv`,
      });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (error) {
      setFormProblem(problemOf(error));
    } finally {
      setCsvBusy(false);
    }
  };

  /** Roles as people say them; the trail also records the system and the operators who load accounts and plans. */
  const roleLabel = (role: string) =>
    role === 'system' ? '' : role === 'operator' ? t.operator : (c.roles[role] ?? role);

  const result = entries.data;
  const items = result?.items ?? [];
  const total = result?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const v = verdict.data;

  return (
    <Page title={t.title}>
      <section className="panel" aria-labelledby="audit-verify" style={{ marginBottom: 16 }}>
        <div className="row" style={{ justifyContent: 'space-between' }}>
          <h2 id="audit-verify" style={{ margin: 0 }}>
            {t.verify}
          </h2>
          <button type="button" onClick={() => void verdict.reload()} disabled={verdict.loading || !organization}>
            {verdict.loading ? t.verifying : t.verifyAgain}
          </button>
        </div>
        <ErrorNote problem={verdict.problem} />
        {verdict.loading ? (
          <p className="muted" role="status">
            {t.verifying}
          </p>
        ) : (
          v &&
          (v.ok ? (
            <div className="ok" role="status">
              <p style={{ margin: 0 }}>
                <strong>
                  <span aria-hidden="true">✓ </span>
                  {t.intact}
                </strong>
              </p>
              <p style={{ margin: 0 }}>{t.checked(v.entries, date(v.verifiedAt, true))}</p>
            </div>
          ) : (
            <div className="error" role="alert">
              <p style={{ margin: 0 }}>
                <strong>
                  <span aria-hidden="true">✗ </span>
                  {t.broken}
                </strong>
              </p>
              {v.firstBad && (
                <p style={{ margin: 0 }}>
                  {t.firstBad(v.firstBad.chainSeq, v.firstBad.id)} — {t.reason}: {v.firstBad.reason}
                </p>
              )}
              <p style={{ margin: 0 }}>{t.checked(v.entries, date(v.verifiedAt, true))}</p>
            </div>
          ))
        )}
      </section>

      <section aria-labelledby="audit-search">
        <h2 id="audit-search">{t.search}</h2>
        <form onSubmit={search} aria-labelledby="audit-search">
          <div className="row" style={{ alignItems: 'end' }}>
            <label className="field" style={{ flex: '1 1 160px' }}>
              {t.fiscalYear}
              <select value={form.fiscalYear} onChange={set('fiscalYear')}>
                <option value="">{t.anyYear}</option>
                {years.map((y) => (
                  <option key={y} value={y}>
                    {y}
                  </option>
                ))}
              </select>
            </label>
            <label className="field" style={{ flex: '1 1 160px' }}>
              {t.measure}
              <input
                value={form.measure}
                onChange={set('measure')}
                list="audit-measures"
                autoComplete="off"
                spellCheck={false}
                maxLength={64}
              />
              <datalist id="audit-measures">
                {(measures.data ?? []).map((m) => (
                  <option key={m.code} value={m.code}>
                    {m.title}
                  </option>
                ))}
              </datalist>
            </label>
            <label className="field" style={{ flex: '1 1 160px' }}>
              {t.unit}
              <input
                value={form.unit}
                onChange={set('unit')}
                list="audit-units"
                autoComplete="off"
                spellCheck={false}
                maxLength={64}
              />
              <datalist id="audit-units">
                {unitCodes.map((u) => (
                  <option key={u} value={u} />
                ))}
              </datalist>
            </label>
          </div>
          <div className="row" style={{ alignItems: 'end', marginTop: 8 }}>
            <label className="field" style={{ flex: '2 1 240px' }}>
              {t.actor}
              <select value={form.actor} onChange={set('actor')}>
                <option value="">{t.anyone}</option>
                {people.map((u) => (
                  <option key={u.username} value={u.username}>
                    {u.displayName} ({u.username}) · {c.roles[u.role] ?? u.role}
                  </option>
                ))}
                <option value="system">{t.system}</option>
                <option value={OTHER}>{t.otherActor}</option>
              </select>
            </label>
            {form.actor === OTHER && (
              <label className="field" style={{ flex: '1 1 200px' }}>
                {t.actorId}
                <input
                  value={form.actorOther}
                  onChange={set('actorOther')}
                  autoComplete="off"
                  spellCheck={false}
                  maxLength={100}
                  required
                />
              </label>
            )}
            <label className="field" style={{ flex: '2 1 240px' }}>
              {t.action}
              <select value={form.action} onChange={set('action')}>
                <option value="">{t.anyAction}</option>
                {Object.entries(families(c.auditAction)).map(([family, actions]) => (
                  <optgroup key={family} label={`${t.families[family]} (${family}.)`}>
                    <option value={`${family}.`}>
                      {t.family(t.families[family])} ({family}.*)
                    </option>
                    {actions.map((a) => (
                      <option key={a} value={a}>
                        {c.auditAction[a as keyof typeof c.auditAction] ?? a} ({a})
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
            </label>
          </div>
          <div className="row" style={{ alignItems: 'end', marginTop: 8 }}>
            <label className="field" style={{ flex: '1 1 160px' }}>
              {t.from}
              <input
                type="date"
                value={form.from}
                onChange={set('from')}
                max={form.to || undefined}
                aria-describedby="audit-date-hint"
              />
            </label>
            <label className="field" style={{ flex: '1 1 160px' }}>
              {t.to}
              <input
                type="date"
                value={form.to}
                onChange={set('to')}
                min={form.from || undefined}
                aria-describedby="audit-date-hint"
              />
            </label>
            <label className="field" style={{ flex: '1 1 120px' }}>
              {t.pageSize}
              <select
                value={pageSize}
                onChange={(e) => {
                  setPageSize(Number(e.target.value));
                  setPage(1);
                }}
              >
                {[25, 50, 100, 200].map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <p id="audit-date-hint" className="muted" style={{ margin: '4px 0 0' }}>
            {t.dateHint}
            {(form.from || form.to) &&
              `: ${form.from ? date(bangkokStart(form.from)) : '…'} – ${form.to ? date(bangkokStart(form.to)) : '…'}`}
          </p>
          <div className="row" style={{ marginTop: 12 }}>
            <button type="submit" className="primary">
              {t.find}
            </button>
            <button type="button" onClick={clear}>
              {t.clear}
            </button>
            <button
              type="button"
              onClick={() => void downloadCsv()}
              disabled={csvBusy || !organization}
              aria-describedby="audit-csv-hint"
            >
              {csvBusy ? t.csvBusy : t.csv}
            </button>
          </div>
          <p id="audit-csv-hint" className="muted" style={{ margin: '4px 0 0' }}>
            {t.csvHint}
          </p>
        </form>
        <ErrorNote problem={formProblem} />
      </section>

      <section aria-labelledby="audit-results">
        <h2 id="audit-results">{t.results}</h2>
        <ErrorNote problem={entries.problem} />
        {entries.loading ? (
          <Loading />
        ) : (
          <p role="status">{result ? `${t.found(total)} · ${t.pageOf(page, pages)}` : ''}</p>
        )}
        {!entries.loading &&
          (items.length === 0 ? (
            <Empty />
          ) : (
            <div className="table-wrap">
              <table>
                <caption className="muted" style={{ textAlign: 'left' }}>
                  {t.order}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t.when}</th>
                    <th scope="col">{t.what}</th>
                    <th scope="col">{t.key}</th>
                    <th scope="col">{t.who}</th>
                    <th scope="col">{t.actorUnit}</th>
                    <th scope="col">{t.authority}</th>
                    <th scope="col">{t.text}</th>
                    <th scope="col">{t.measureCol}</th>
                    <th scope="col">{t.seq}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((e, i) => {
                    const text = writtenText(e.action, e.after);
                    const name = nameOf(e.actor.id);
                    return (
                      <tr key={e.chainSeq ?? `${e.at}-${i}`}>
                        <td style={{ whiteSpace: 'nowrap' }}>
                          <time dateTime={e.at}>{date(e.at, true)}</time>
                        </td>
                        <th scope="row" style={{ fontWeight: 'normal', background: 'none' }}>
                          {c.auditAction[e.action as keyof typeof c.auditAction] ?? e.action}
                          <div className="muted">
                            <code>{e.action}</code>
                          </div>
                        </th>
                        <td>
                          <code>{e.key}</code>
                        </td>
                        <td>
                          {e.actor.id === 'system' ? t.system : (name ?? e.actor.id)}
                          {name && <div className="muted">{e.actor.id}</div>}
                          <div className="muted">{roleLabel(e.actor.role)}</div>
                        </td>
                        <td>{e.actor.unit ?? '–'}</td>
                        <td>{e.authority ?? '–'}</td>
                        <td style={{ whiteSpace: 'pre-wrap', maxWidth: 360 }}>{text || '–'}</td>
                        <td>
                          {e.measureCode && e.fiscalYear ? (
                            <a
                              href={`${href('measures', e.fiscalYear, e.measureCode)}?section=timeline`}
                              aria-label={t.timeline(e.measureCode)}
                            >
                              {e.measureCode}
                            </a>
                          ) : (
                            e.measureCode || '–'
                          )}
                        </td>
                        <td>{e.chainSeq ?? <Badge light="grey">{t.unchained}</Badge>}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          ))}
        {total > pageSize && (
          <nav aria-label={t.results} className="row" style={{ marginTop: 12 }}>
            <button type="button" onClick={() => setPage(page - 1)} disabled={page <= 1 || entries.loading}>
              {t.prev}
            </button>
            <span>{t.pageOf(page, pages)}</span>
            <button type="button" onClick={() => setPage(page + 1)} disabled={page >= pages || entries.loading}>
              {t.next}
            </button>
          </nav>
        )}
      </section>
    </Page>
  );
}
