/**
 * Step owners, the lead unit and reporting lines in the measure machine: who gets a step's tasks,
 * who makes which report, how amendments keep them, and that a measure whose rules predate them
 * (the workflow's v4 patch not taken) still gives every unit everything.
 */
import type { Actor } from '../access/actor';
import { compressedFiscalCalendar } from '../fiscal-calendar';
import type { MeasureDef } from '../plan/plan.types';
import {
  advance,
  amend,
  approveReport,
  approveTask,
  CommandError,
  initialState,
  isFinished,
  stepQuarterComplete,
  submitReport,
  submitTask,
} from './measure-machine';
import type { MeasureContext, MeasureState, UnitRef } from './measure.types';

const T0 = Date.parse('2030-01-01T00:00:00.000Z');
const calendar = compressedFiscalCalendar(2565, new Date(T0), 91_000);
const q = (n: number) => T0 + (n - 1) * 91_000;

/** The seed's I8+I12 measure, reduced: the Planning section's step, everyone's step, Internal Audit's step. */
const measure: MeasureDef = {
  code: 'M05-I8-I12',
  stakeholderGroup: 'internal',
  priority: 'improve',
  indicator: 2,
  title: 'การใช้จ่ายงบประมาณ',
  items: [{ code: 'I8' }],
  steps: [
    { number: 1, text: 'ประชุมชี้แจงการจัดทำงบประมาณ', quarters: [1, 2], owners: ['PLAN_BUDGET'] },
    { number: 2, text: 'มีส่วนร่วมในการจัดทำงบประมาณของแผนกต่าง ๆ', quarters: [1, 2], owners: ['ALL'] },
    { number: 3, text: 'ฝ่ายตรวจสอบภายในตรวจสอบการใช้จ่ายงบประมาณ', quarters: [1, 2], owners: ['INTERNAL_AUDIT'] },
    { number: 4, text: 'เผยแพร่แผน', quarters: [2], scheduleAssumed: true },
  ],
  responsibleUnits: ['ALL', 'PLAN_BUDGET', 'INTERNAL_AUDIT'],
  monitoringGuidelines: [{ number: 1, text: 'รายงาน' }],
  reporting: [
    { cadence: 'semiannual', recipient: 'director-or-delegate' },
    { cadence: 'semiannual', recipient: 'executives', from: 'INTERNAL_AUDIT' },
  ],
};
const units: UnitRef[] = [
  { code: 'PLAN_BUDGET', name: 'ส่วนงานแผนงานและการงบประมาณ' },
  { code: 'INTERNAL_AUDIT', name: 'ฝ่ายตรวจสอบภายใน' },
  { code: 'HR', name: 'งานทรัพยากรบุคคล ฝ่ายบริหาร' },
];
const policy = { reportGraceDays: 15, escalationIntervalDays: 7, escalateCadences: [] };
/** The rules as the workflow passes them, counting how often the machine asks. */
function context(m: MeasureDef, stepOwners: boolean) {
  const asked = { n: 0 };
  const ctx: MeasureContext = {
    organizationCode: 'TCEB',
    measure: m,
    calendar,
    policy,
    rules: {
      stepOwners: () => {
        asked.n += 1;
        return stepOwners;
      },
    },
  };
  return { ctx, asked };
}

const actor = (role: 'unit-staff' | 'unit-head', unit: string): Actor => ({
  id: `${role}-${unit}`,
  role,
  unitCode: unit,
  organizationCode: 'TCEB',
});
const deputy: Actor = {
  id: 'deputy',
  role: 'deputy-director',
  organizationCode: 'TCEB',
  grants: [
    { kind: 'oversight', delegationId: '1', delegatorId: 'director', from: new Date(T0).toISOString(), until: null },
  ],
};
const planner: Actor = { id: 'planner', role: 'planner', organizationCode: 'TCEB' };

const keys = (s: MeasureState, quarter: number) => s.tasks.filter((t) => t.quarter === quarter).map((t) => t.key);
function completeAll(s: MeasureState, ctx: MeasureContext, quarter: number, at: number): void {
  for (const t of s.tasks.filter((x) => x.quarter === quarter && x.status === 'open')) {
    const evidence = [{ kind: 'link' as const, url: 'https://example.go.th/x', name: 'หลักฐาน', guidelines: [1] }];
    submitTask(
      s,
      ctx,
      { actor: actor('unit-staff', t.unitCode), taskKey: t.key, note: 'ดำเนินการแล้ว', progress: 'done', evidence },
      at,
    );
    approveTask(s, ctx, { actor: actor('unit-head', t.unitCode), taskKey: t.key }, at);
  }
}
function rejects(fn: () => unknown, code: string, path: string): void {
  expect(fn).toThrow(CommandError);
  try {
    fn();
  } catch (error) {
    expect({ code: (error as CommandError).code, path: (error as CommandError).path }).toEqual({ code, path });
  }
}

describe('step owners', () => {
  it("open a step's tasks for its owners only; ALL and no owners mean every unit of the measure", () => {
    const { ctx } = context(measure, true);
    const sut = initialState(ctx, units);
    advance(sut, ctx, q(1));
    expect(keys(sut, 1)).toEqual([
      'Q1-S1-PLAN_BUDGET',
      'Q1-S2-PLAN_BUDGET',
      'Q1-S2-INTERNAL_AUDIT',
      'Q1-S2-HR',
      'Q1-S3-INTERNAL_AUDIT',
    ]);
    advance(sut, ctx, q(2));
    expect(keys(sut, 2).filter((k) => k.includes('-S4-'))).toEqual([
      'Q2-S4-PLAN_BUDGET',
      'Q2-S4-INTERNAL_AUDIT',
      'Q2-S4-HR',
    ]);
    expect(sut.steps[3].scheduleAssumed).toBe(true);
  });

  it("complete a step's quarter once its owners' tasks are approved", () => {
    const { ctx } = context(measure, true);
    const sut = initialState(ctx, units);
    advance(sut, ctx, q(1));
    completeAll(sut, ctx, 1, q(1) + 10);
    expect([1, 2, 3].map((n) => stepQuarterComplete(sut, 1, n))).toEqual([true, true, true]);
  });

  it('give every unit every step where the rules predate them, and are asked only where they narrow something', () => {
    const { ctx, asked } = context(measure, false);
    const sut = initialState(ctx, units);
    advance(sut, ctx, q(1));
    expect(keys(sut, 1)).toHaveLength(9);
    expect(asked.n).toBe(2); // steps 1 and 3; step 2 (ALL) and a step without owners never ask

    const plain = context({ ...measure, steps: measure.steps.map(({ owners: _owners, ...s }) => s) }, true);
    const untouched = initialState(plain.ctx, units);
    advance(untouched, plain.ctx, q(1));
    expect(plain.asked.n).toBe(0);
  });

  it('keep through amendments: an added unit gets only what it owns, a step moved back reopens for its owner', () => {
    const { ctx } = context(measure, true);
    const sut = initialState(ctx, units);
    advance(sut, ctx, q(1));
    const amendment = (change: unknown) =>
      amend(sut, ctx, { actor: planner, change: change as never, reason: 'ปรับตามมติผู้บริหาร' }, q(1) + 5);
    amendment({ kind: 'set-units', units: [...units, { code: 'CORP_COMMS', name: 'ส่วนงานสื่อสารองค์กร' }] });
    expect(keys(sut, 1).filter((k) => k.endsWith('CORP_COMMS'))).toEqual(['Q1-S2-CORP_COMMS']);
    amendment({ kind: 'set-step-quarters', stepNumber: 3, quarters: [2] });
    expect(sut.tasks.find((t) => t.key === 'Q1-S3-INTERNAL_AUDIT')?.status).toBe('withdrawn');
    amendment({ kind: 'set-step-quarters', stepNumber: 3, quarters: [1, 2] });
    expect(sut.tasks.filter((t) => t.stepNumber === 3 && t.quarter === 1).map((t) => [t.key, t.status])).toEqual([
      ['Q1-S3-INTERNAL_AUDIT', 'open'],
    ]);
    // Internal Audit leaves the measure: its tasks are withdrawn, and nobody else inherits its step.
    amendment({ kind: 'set-units', units: units.filter((u) => u.code !== 'INTERNAL_AUDIT') });
    expect(sut.tasks.filter((t) => t.stepNumber === 3).map((t) => t.status)).toEqual(['withdrawn']);
    advance(sut, ctx, q(2));
    expect(keys(sut, 2).filter((k) => k.includes('-S3-'))).toEqual([]);
    expect(sut.steps[2].owners).toEqual(['INTERNAL_AUDIT']);
  });
});

describe('reporting lines', () => {
  it("open each line's reports: the first keeps its key, the second is numbered and goes from its unit to its recipient", () => {
    const { ctx } = context(measure, true);
    const sut = initialState(ctx, units);
    advance(sut, ctx, q(1));
    advance(sut, ctx, q(3));
    expect(sut.reports.map((r) => [r.key, r.units, r.recipient ?? null])).toEqual([
      ['semiannual-1', ['PLAN_BUDGET', 'INTERNAL_AUDIT', 'HR'], null],
      ['semiannual.2-1', ['INTERNAL_AUDIT'], 'executives'],
    ]);
    expect(sut.reports[0]).not.toHaveProperty('line');
    expect(sut.reports[1].line).toBe(2);
    rejects(
      () => submitReport(sut, ctx, { actor: actor('unit-head', 'HR'), reportKey: 'semiannual.2-1' }, q(3) + 1),
      'FORBIDDEN',
      'actor.unit',
    );
    rejects(
      () => submitReport(sut, ctx, { actor: actor('unit-head', 'HR'), reportKey: 'semiannual.2-2' }, q(3) + 1),
      'CONFLICT',
      'reportKey',
    );
    submitReport(sut, ctx, { actor: actor('unit-staff', 'INTERNAL_AUDIT'), reportKey: 'semiannual.2-1' }, q(3) + 1);
  });

  it('must all be approved before the year completes', () => {
    const { ctx } = context(measure, true);
    const sut = initialState(ctx, units);
    for (const n of [1, 2, 3, 4]) {
      advance(sut, ctx, q(n));
      completeAll(sut, ctx, n, q(n) + 1);
    }
    advance(sut, ctx, q(5));
    const deliver = (key: string, unit: string) => {
      submitReport(sut, ctx, { actor: actor('unit-head', unit), reportKey: key }, q(5) + 1);
      approveReport(sut, ctx, { actor: deputy, reportKey: key }, q(5) + 2);
    };
    for (const key of ['semiannual-1', 'semiannual-2', 'semiannual.2-1']) deliver(key, 'INTERNAL_AUDIT');
    expect(isFinished(sut, ctx, q(5) + 3)).toBe(false);
    deliver('semiannual.2-2', 'INTERNAL_AUDIT');
    expect(sut.status).toBe('completed');
  });

  it("come from a unit outside the measure's units when the line says so (Internal Audit on I11)", () => {
    const procurement: MeasureDef = {
      ...measure,
      code: 'M06-I11',
      steps: [{ number: 1, text: 'จัดทำบันทึกแจ้งพนักงาน', quarters: [1, 2] }],
      responsibleUnits: ['PROCUREMENT'],
    };
    const { ctx } = context(procurement, true);
    const sut = initialState(ctx, [{ code: 'PROCUREMENT', name: 'ส่วนงานพัสดุและบริการสำนักงาน' }]);
    advance(sut, ctx, q(1));
    expect(sut.tasks.map((t) => t.unitCode)).toEqual(['PROCUREMENT']);
    // Before its report is due, Internal Audit is told so, not that the measure is none of its business.
    rejects(
      () => submitReport(sut, ctx, { actor: actor('unit-head', 'INTERNAL_AUDIT'), reportKey: 'semiannual.2-1' }, q(2)),
      'CONFLICT',
      'reportKey',
    );
    advance(sut, ctx, q(3));
    submitReport(sut, ctx, { actor: actor('unit-head', 'INTERNAL_AUDIT'), reportKey: 'semiannual.2-1' }, q(3) + 1);
    rejects(
      () =>
        submitReport(sut, ctx, { actor: actor('unit-head', 'INTERNAL_AUDIT'), reportKey: 'semiannual-1' }, q(3) + 1),
      'FORBIDDEN',
      'actor.unit',
    );
  });

  it("of the lead unit: a line without `from` is the lead's to make", () => {
    const { ctx } = context({ ...measure, leadUnit: 'PLAN_BUDGET' }, true);
    const sut = initialState(ctx, units);
    advance(sut, ctx, q(3));
    expect(sut.reports.map((r) => r.units)).toEqual([['PLAN_BUDGET'], ['INTERNAL_AUDIT']]);
  });

  it('go to every unit of the measure where the rules predate them', () => {
    const { ctx } = context({ ...measure, leadUnit: 'PLAN_BUDGET' }, false);
    const sut = initialState(ctx, units);
    advance(sut, ctx, q(3));
    expect(sut.reports.map((r) => r.units)).toEqual([
      ['PLAN_BUDGET', 'INTERNAL_AUDIT', 'HR'],
      ['PLAN_BUDGET', 'INTERNAL_AUDIT', 'HR'],
    ]);
  });

  it('are all kept when an amendment keeps their cadence, and keep their unit when the units change', () => {
    const { ctx } = context(measure, true);
    const sut = initialState(ctx, units);
    advance(sut, ctx, q(1));
    amend(
      sut,
      ctx,
      {
        actor: planner,
        change: { kind: 'set-cadences', cadences: ['semiannual', 'yearly'] },
        reason: 'เพิ่มรายงานประจำปี',
      },
      q(1) + 1,
    );
    expect(sut.cadences).toEqual([
      { cadence: 'semiannual' },
      { cadence: 'semiannual', line: 2 },
      { cadence: 'yearly', since: new Date(q(1) + 1).toISOString() },
    ]);
    advance(sut, ctx, q(3));
    amend(
      sut,
      ctx,
      { actor: planner, change: { kind: 'set-units', units: units.slice(0, 2) }, reason: 'HR พ้นจากมาตรการ' },
      q(3) + 1,
    );
    expect(sut.reports.map((r) => [r.key, r.units])).toEqual([
      ['semiannual-1', ['PLAN_BUDGET', 'INTERNAL_AUDIT']],
      ['semiannual.2-1', ['INTERNAL_AUDIT']],
    ]);
  });
});
