/**
 * Validates a plan file as a whole and reports every problem with its JSON path, so a planner
 * can fix the file in one pass. Nothing here touches storage: an invalid plan never gets that far.
 */
import { DomainError, DomainErrorCode, FieldProblem } from '../domain-error';
import { isQuarter } from '../fiscal-calendar';
import {
  ALL_UNITS,
  ASSESSMENT_TOOLS,
  CADENCES,
  CODE_PATTERN,
  GRADES,
  PLAN_SCHEMA_VERSION,
  PlanDef,
  PRIORITIES,
  RECIPIENTS,
  STAKEHOLDER_GROUPS,
} from './plan.types';

const ITEM_CODE = /^(I([1-9]|[12][0-9]|30)|E([1-9]|1[0-5]))$/;
const MAX_TEXT = 4000;
/** Lists stored as one JSON document must fit a MySQL TEXT column (65,535 bytes) with room to spare. */
export const MAX_STORED_JSON_BYTES = 60000;

type Json = Record<string, unknown>;

export type PlanValidation = { ok: true; plan: PlanDef } | { ok: false; problems: FieldProblem[] };

/** Decodes raw bytes (must be UTF-8 JSON) and validates them. */
export function parsePlanFile(bytes: Uint8Array): PlanValidation {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8Offset(bytes);
    return fail('(file)', `is not valid UTF-8 (first bad byte at offset ${at}); save the plan as UTF-8`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') return fail('(file)', 'is empty');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return fail('(file)', describeJsonError(text, error as Error));
  }
  return validatePlan(data);
}

export function validatePlan(data: unknown): PlanValidation {
  const c = new Checker();
  const root = c.object(data, '');
  if (!root) return { ok: false, problems: c.problems };

  if (root.schemaVersion !== PLAN_SCHEMA_VERSION) {
    c.add('schemaVersion', `must be ${PLAN_SCHEMA_VERSION} (got ${JSON.stringify(root.schemaVersion)})`);
  }
  const org = c.object(root.organization, 'organization');
  if (org) {
    c.code(org.code, 'organization.code');
    c.text(org.name, 'organization.name');
    c.text(org.shortName, 'organization.shortName', { optional: true });
    c.text(org.nameEn, 'organization.nameEn', { optional: true });
    if (org.settings !== undefined) {
      const settings = c.object(org.settings, 'organization.settings');
      if (settings) {
        if (settings.reportGraceDays !== undefined)
          c.integer(settings.reportGraceDays, 'organization.settings.reportGraceDays', 0, 365, 'a number of days');
        if (settings.escalationIntervalDays !== undefined)
          c.integer(
            settings.escalationIntervalDays,
            'organization.settings.escalationIntervalDays',
            1,
            365,
            'a number of days',
          );
        if (settings.resubmissionDays !== undefined)
          c.integer(settings.resubmissionDays, 'organization.settings.resubmissionDays', 1, 365, 'a number of days');
        c.array(settings.escalateCadences, 'organization.settings.escalateCadences', { optional: true }).forEach(
          ([x, p]) => c.oneOf(x, p, CADENCES),
        );
        if (settings.itaThresholds !== undefined)
          checkItaThresholds(c, settings.itaThresholds, 'organization.settings.itaThresholds');
      }
    }
  }
  c.integer(root.fiscalYear, 'fiscalYear', 2500, 2700, 'a Buddhist-era year, e.g. 2565');

  const unitCodes = new Set<string>();
  c.array(root.units, 'units', { min: 1 }).forEach(([u, path]) => {
    const unit = c.object(u, path);
    if (!unit) return;
    const code = c.code(unit.code, `${path}.code`);
    if (code === ALL_UNITS) c.add(`${path}.code`, `"${ALL_UNITS}" is reserved for every unit of the organization`);
    else if (code && unitCodes.has(code)) c.add(`${path}.code`, `duplicates unit code "${code}"`);
    else if (code) unitCodes.add(code);
    c.text(unit.name, `${path}.name`);
    c.text(unit.nameEn, `${path}.nameEn`, { optional: true });
  });
  c.array(root.units, 'units').forEach(([u, path]) => {
    const parent = (u as Json)?.parent;
    if (parent !== undefined && parent !== null && !unitCodes.has(parent as string)) {
      c.add(`${path}.parent`, `"${String(parent)}" is not a declared unit`);
    }
  });

  const oversight = c.object(root.oversight, 'oversight');
  if (oversight) {
    c.text(oversight.title, 'oversight.title');
    c.text(oversight.titleEn, 'oversight.titleEn', { optional: true });
    c.text(oversight.delegatedBy, 'oversight.delegatedBy', { optional: true });
  }
  if (root.ita !== undefined) checkIta(c, root.ita);

  const measureCodes = new Set<string>();
  c.array(root.measures, 'measures', { min: 1 }).forEach(([m, path]) => {
    const code = checkMeasure(c, m, path, unitCodes);
    if (code && measureCodes.has(code)) c.add(`${path}.code`, `duplicates measure code "${code}"`);
    else if (code) measureCodes.add(code);
  });
  c.storedSize(root.corrections, 'corrections');
  c.storedSize(root.source, 'source');
  c.storedSize(root.units, 'units');
  c.array(root.corrections, 'corrections', { optional: true }).forEach(([x, path]) => {
    const corr = c.object(x, path);
    if (!corr) return;
    c.text(corr.path, `${path}.path`);
    c.text(corr.original, `${path}.original`, { allowEmpty: true });
    c.text(corr.corrected, `${path}.corrected`);
    c.text(corr.reason, `${path}.reason`);
  });

  return c.problems.length ? { ok: false, problems: c.problems } : { ok: true, plan: root as unknown as PlanDef };
}

/** Throws a DomainError listing every problem, for callers that want the plan or nothing. */
export function assertValidPlan(validation: PlanValidation): PlanDef {
  if (validation.ok) return validation.plan;
  throw new DomainError(
    DomainErrorCode.PlanInvalid,
    `plan file has ${validation.problems.length} problem(s); nothing was imported`,
    validation.problems,
  );
}

/**
 * The ITA part of a plan on its own (paths as in a plan file, `ita.items[3].score`), for importers
 * that build ITA results from another source (a spreadsheet) and must apply the same rules.
 */
export function validateItaResults(value: unknown): FieldProblem[] {
  const c = new Checker();
  checkIta(c, value);
  return c.problems;
}

function checkItaThresholds(c: Checker, value: unknown, path: string): void {
  const t = c.object(value, path);
  if (!t) return;
  const urgentBelow = c.number(t.urgentBelow, `${path}.urgentBelow`, 0, 100, 'a score');
  const strengthAbove = c.number(t.strengthAbove, `${path}.strengthAbove`, 0, 100, 'a score');
  if (urgentBelow !== undefined && strengthAbove !== undefined && urgentBelow > strengthAbove)
    c.add(`${path}.strengthAbove`, `${strengthAbove} is below urgentBelow (${urgentBelow}); it must be at least that`);
}

function checkIta(c: Checker, value: unknown): void {
  const ita = c.object(value, 'ita');
  if (!ita) return;
  c.integer(ita.assessmentYear, 'ita.assessmentYear', 2500, 2700, 'a Buddhist-era year');
  c.array(ita.overall, 'ita.overall').forEach(([s, path]) => checkYearScore(c, s, path));
  c.array(ita.indicators, 'ita.indicators').forEach(([i, path]) => {
    const ind = c.object(i, path);
    if (!ind) return;
    c.integer(ind.number, `${path}.number`, 1, 10, 'an indicator 1–10');
    c.text(ind.name, `${path}.name`);
    c.oneOf(ind.tool, `${path}.tool`, ASSESSMENT_TOOLS);
    c.array(ind.scores, `${path}.scores`).forEach(([s, p]) => checkYearScore(c, s, p));
  });
  const seen = new Set<string>();
  c.array(ita.items, 'ita.items').forEach(([i, path]) => {
    const item = c.object(i, path);
    if (!item) return;
    const code = c.itemCode(item.code, `${path}.code`);
    if (code && seen.has(code)) c.add(`${path}.code`, `duplicates item "${code}"`);
    else if (code) seen.add(code);
    c.integer(item.indicator, `${path}.indicator`, 1, 10, 'an indicator 1–10');
    c.text(item.text, `${path}.text`);
    c.score(item.score, `${path}.score`, true);
    c.oneOf(item.grade, `${path}.grade`, GRADES, true);
    c.storedSize(item.subItems, `${path}.subItems`);
    c.array(item.subItems, `${path}.subItems`, { optional: true }).forEach(([s, p]) => {
      const sub = c.object(s, p);
      if (!sub) return;
      c.text(sub.text, `${p}.text`);
      c.score(sub.score, `${p}.score`, true);
      c.oneOf(sub.grade, `${p}.grade`, GRADES, true);
    });
  });
}

function checkYearScore(c: Checker, value: unknown, path: string): void {
  const s = c.object(value, path);
  if (!s) return;
  c.integer(s.year, `${path}.year`, 2500, 2700, 'a Buddhist-era year');
  c.score(s.score, `${path}.score`);
  c.oneOf(s.grade, `${path}.grade`, GRADES, true);
}

function checkMeasure(c: Checker, value: unknown, path: string, unitCodes: Set<string>): string | undefined {
  const m = c.object(value, path);
  if (!m) return undefined;
  const code = c.code(m.code, `${path}.code`);
  c.oneOf(m.stakeholderGroup, `${path}.stakeholderGroup`, STAKEHOLDER_GROUPS);
  c.oneOf(m.priority, `${path}.priority`, PRIORITIES);
  c.integer(m.indicator, `${path}.indicator`, 1, 10, 'an indicator 1–10');
  c.text(m.title, `${path}.title`);
  c.array(m.items, `${path}.items`, { min: 1 }).forEach(([i, p]) => {
    const item = c.object(i, p);
    if (!item) return;
    c.itemCode(item.code, `${p}.code`);
    c.score(item.score, `${p}.score`, true);
    c.oneOf(item.grade, `${p}.grade`, GRADES, true);
  });
  const stepNumbers: number[] = [];
  c.array(m.steps, `${path}.steps`, { min: 1 }).forEach(([s, p], index) => {
    const step = c.object(s, p);
    if (!step) return;
    const n = c.integer(step.number, `${p}.number`, 1, 999, 'a step number');
    if (n !== undefined && n !== index + 1)
      c.add(`${p}.number`, `is ${n} but steps must be numbered 1..n in order (expected ${index + 1})`);
    if (n !== undefined) stepNumbers.push(n);
    c.text(step.text, `${p}.text`);
    const quarters = c.array(step.quarters, `${p}.quarters`, { min: 1 });
    let previous = 0;
    quarters.forEach(([q, qp]) => {
      if (!isQuarter(q)) c.add(qp, `${JSON.stringify(q)} is not a quarter 1–4`);
      else if (q <= previous) c.add(qp, `quarter ${q} must come after quarter ${previous} (ascending, no repeats)`);
      else previous = q;
    });
  });
  const units = c.array(m.responsibleUnits, `${path}.responsibleUnits`, { min: 1 });
  const seenUnits = new Set<string>();
  units.forEach(([u, p]) => {
    if (typeof u !== 'string' || (u !== ALL_UNITS && !unitCodes.has(u))) {
      c.add(p, `${JSON.stringify(u)} is not a unit declared in "units" (or "${ALL_UNITS}")`);
    } else if (seenUnits.has(u)) c.add(p, `repeats unit "${u}"`);
    else seenUnits.add(u);
  });
  const responsible = new ResponsibleUnits(c, seenUnits, unitCodes);
  (Array.isArray(m.steps) ? m.steps : []).forEach((s: unknown, i) => {
    const step = s && typeof s === 'object' ? (s as Json) : {};
    const p = `${path}.steps[${i}]`;
    if (step.owners !== undefined) checkOwners(c, step.owners, `${p}.owners`, responsible);
    if (step.scheduleAssumed !== undefined && step.scheduleAssumed !== true)
      c.add(`${p}.scheduleAssumed`, 'must be true (or left out)');
  });
  if (m.leadUnit !== undefined) {
    const lead = c.unit(m.leadUnit, `${path}.leadUnit`, unitCodes);
    if (lead) responsible.require(lead, `${path}.leadUnit`);
  }
  c.text(m.responsibleText, `${path}.responsibleText`, { optional: true });
  c.array(m.monitoringGuidelines, `${path}.monitoringGuidelines`).forEach(([g, p], index) => {
    const guideline = c.object(g, p);
    if (!guideline) return;
    const n = c.integer(guideline.number, `${p}.number`, 1, 999, 'a guideline number');
    if (n !== undefined && n !== index + 1)
      c.add(`${p}.number`, `is ${n} but guidelines must be numbered 1..n in order (expected ${index + 1})`);
    c.text(guideline.text, `${p}.text`);
    c.array(guideline.steps, `${p}.steps`, { optional: true }).forEach(([s, sp]) => {
      if (!stepNumbers.includes(s as number)) c.add(sp, `${JSON.stringify(s)} is not a step of this measure`);
    });
  });
  // Two lines of one cadence are two reports (e.g. Internal Audit's beside the measure's own): they
  // must differ in who reports or to whom, or they would be the same report twice.
  const lines: Array<{ line: string; index: number }> = [];
  c.array(m.reporting, `${path}.reporting`, { min: 1 }).forEach(([r, p], index) => {
    const rep = c.object(r, p);
    if (!rep) return;
    const cadence = c.oneOf(rep.cadence, `${p}.cadence`, CADENCES);
    const recipient = c.oneOf(rep.recipient, `${p}.recipient`, RECIPIENTS);
    const from = rep.from === undefined ? undefined : c.unit(rep.from, `${p}.from`, unitCodes);
    c.text(rep.text, `${p}.text`, { optional: true });
    if (!cadence || !recipient || (rep.from !== undefined && !from)) return;
    const line = JSON.stringify([cadence, from ?? null, recipient]);
    const same = lines.find((l) => l.line === line);
    if (same)
      c.add(
        `${p}.cadence`,
        `repeats cadence "${cadence}" from the same unit to the same recipient as reporting[${same.index}]; give one of them another "from" or "recipient"`,
      );
    else lines.push({ line, index });
  });
  if (m.incomplete !== undefined && typeof m.incomplete !== 'boolean')
    c.add(`${path}.incomplete`, 'must be true or false');
  c.array(m.notes, `${path}.notes`, { optional: true }).forEach(([n, p]) => c.text(n, p));
  for (const field of ['items', 'steps', 'responsibleUnits', 'monitoringGuidelines', 'reporting', 'notes'])
    c.storedSize(m[field], `${path}.${field}`);
  return code;
}

/**
 * A measure's responsible units, for the fields that must stay within them (step owners, the lead
 * unit): with ALL among them every declared unit is within; otherwise only the units listed.
 */
class ResponsibleUnits {
  readonly all: boolean;

  constructor(
    private readonly c: Checker,
    private readonly codes: Set<string>,
    readonly declaredCodes: Set<string>,
  ) {
    this.all = codes.has(ALL_UNITS);
  }

  /** Flags a declared unit that is not one of the measure's (unless the responsible units are themselves invalid). */
  require(code: string, path: string): void {
    if (this.all || this.codes.size === 0 || this.codes.has(code) || !this.declaredCodes.has(code)) return;
    this.c.add(path, `"${code}" is not one of this measure's responsibleUnits (${[...this.codes].join(', ')})`);
  }
}

/** Step owners: declared units within the measure's responsible units, none twice; or ["ALL"] alone. */
function checkOwners(c: Checker, value: unknown, path: string, responsible: ResponsibleUnits): void {
  const owners = c.array(value, path, { min: 1 });
  const seen = new Set<string>();
  owners.forEach(([o, p]) => {
    if (o === ALL_UNITS) {
      if (owners.length > 1) c.add(p, `"${ALL_UNITS}" stands alone: it already means every unit`);
      else if (!responsible.all)
        c.add(
          p,
          `"${ALL_UNITS}" (every unit) is wider than this measure's responsibleUnits; list the owning units, or leave owners out for all of them`,
        );
      return;
    }
    const code = c.unit(o, p, responsible.declaredCodes);
    if (!code) return;
    if (seen.has(code)) c.add(p, `repeats unit "${code}"`);
    else {
      seen.add(code);
      responsible.require(code, p);
    }
  });
}

class Checker {
  readonly problems: FieldProblem[] = [];

  /** A declared unit's code ("ALL" is not a unit: it cannot report or lead). */
  unit(value: unknown, path: string, declared: Set<string>): string | undefined {
    if (typeof value === 'string' && declared.has(value)) return value;
    this.add(
      path,
      value === ALL_UNITS
        ? `"${ALL_UNITS}" is not a unit here; name one unit declared in "units"`
        : `${JSON.stringify(value)} is not a unit declared in "units"`,
    );
    return undefined;
  }

  add(path: string, message: string): void {
    this.problems.push({ path: path || '(root)', message });
  }

  object(value: unknown, path: string): Json | undefined {
    if (value === undefined || value === null) this.add(path, 'is required');
    else if (typeof value !== 'object' || Array.isArray(value)) this.add(path, 'must be an object');
    else return value as Json;
    return undefined;
  }

  array(value: unknown, path: string, opts: { min?: number; optional?: boolean } = {}): Array<[unknown, string]> {
    if (value === undefined && opts.optional) return [];
    if (!Array.isArray(value)) {
      this.add(path, value === undefined ? 'is required' : 'must be a list');
      return [];
    }
    if (opts.min && value.length < opts.min)
      this.add(path, `must have at least ${opts.min} entr${opts.min === 1 ? 'y' : 'ies'}`);
    return value.map((v, i) => [v, `${path}[${i}]`]);
  }

  text(value: unknown, path: string, opts: { optional?: boolean; allowEmpty?: boolean } = {}): string | undefined {
    if (value === undefined && opts.optional) return undefined;
    if (typeof value !== 'string') this.add(path, value === undefined ? 'is required' : 'must be text');
    else if (!opts.allowEmpty && value.trim() === '') this.add(path, 'must not be empty');
    else if (value.length > MAX_TEXT) this.add(path, `is ${value.length} characters; at most ${MAX_TEXT}`);
    // Control characters or U+FFFD in text mean a damaged or mis-decoded file, which must not be stored.
    // eslint-disable-next-line no-control-regex
    else if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffd]/.test(value))
      this.add(path, 'contains control or replacement characters (a damaged file?)');
    else return value;
    return undefined;
  }

  code(value: unknown, path: string): string | undefined {
    if (typeof value !== 'string') this.add(path, value === undefined ? 'is required' : 'must be text');
    else if (!CODE_PATTERN.test(value))
      this.add(path, `"${value}" must be 1–32 of A–Z, 0–9, "_" or "-", starting with a letter or digit`);
    else return value;
    return undefined;
  }

  itemCode(value: unknown, path: string): string | undefined {
    if (typeof value !== 'string' || !ITEM_CODE.test(value)) {
      this.add(path, `${JSON.stringify(value)} is not an ITA item code (I1–I30 or E1–E15)`);
      return undefined;
    }
    return value;
  }

  integer(value: unknown, path: string, min: number, max: number, what: string): number | undefined {
    if (value === undefined) this.add(path, 'is required');
    else if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      this.add(path, `${JSON.stringify(value)} is not ${what} (${min}–${max})`);
    } else return value;
    return undefined;
  }

  number(value: unknown, path: string, min: number, max: number, what: string): number | undefined {
    if (value === undefined) this.add(path, 'is required');
    else if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
      this.add(path, `${JSON.stringify(value)} is not ${what} (${min}–${max})`);
    } else return value;
    return undefined;
  }

  score(value: unknown, path: string, optional = false): void {
    if (value === undefined && optional) return;
    if (typeof value !== 'number' || !(value >= 0 && value <= 100) || Math.round(value * 100) !== value * 100) {
      this.add(path, `${JSON.stringify(value)} is not a score 0.00–100.00 (at most two decimals)`);
    }
  }

  storedSize(value: unknown, path: string): void {
    if (value === undefined) return;
    const bytes = new TextEncoder().encode(JSON.stringify(value)).length;
    if (bytes > MAX_STORED_JSON_BYTES)
      this.add(path, `is ${bytes} bytes as stored; at most ${MAX_STORED_JSON_BYTES} (split it up)`);
  }

  oneOf<T extends string>(value: unknown, path: string, allowed: readonly T[], optional = false): T | undefined {
    if (value === undefined && optional) return undefined;
    if (!allowed.includes(value as T)) {
      this.add(path, `${JSON.stringify(value)} is not one of ${allowed.join(', ')}`);
      return undefined;
    }
    return value as T;
  }
}

function fail(path: string, message: string): PlanValidation {
  return { ok: false, problems: [{ path, message }] };
}

function describeJsonError(text: string, error: Error): string {
  const match = /position (\d+)/.exec(error.message);
  const truncated =
    /end of JSON input/.test(error.message) || (match !== null && Number(match[1]) >= text.trimEnd().length);
  if (truncated) return 'is not complete JSON: it ends before the document does (truncated file?)';
  if (!match) return `is not valid JSON: ${error.message}`;
  const position = Number(match[1]);
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  return `is not valid JSON at line ${line}, column ${column}: ${error.message}`;
}

/** Offset of the first byte that cannot start or continue a UTF-8 sequence (a hint for the planner). */
function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const follow =
      b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (follow < 0) return i;
    for (let k = 1; k <= follow; k++) {
      if (i + k >= bytes.length || (bytes[i + k] & 0xc0) !== 0x80) return i;
    }
    i += follow + 1;
  }
  return bytes.length;
}
