import type { Actor } from '../access/actor';
import { compressedFiscalCalendar } from '../fiscal-calendar';
import type { MeasureDef } from '../plan/plan.types';
import {
  advance,
  amend,
  approveReport,
  approveTask,
  checkCloseYear,
  closeYear,
  CommandError,
  initialState,
  nextWakeUp,
  returnReport,
  returnTask,
  submitReport,
  submitTask,
  YEAR_CLOSED,
  yearCloseSummary,
} from './measure-machine';
import type { MeasureContext, MeasureState } from './measure.types';

// A year of 91-second quarters: one "day" is one second, so 15 days' grace is 15 s.
const T0 = Date.parse('2030-01-01T00:00:00.000Z');
const calendar = compressedFiscalCalendar(2565, new Date(T0), 91_000);
const day = 1000;
const q = (n: number) => T0 + (n - 1) * 91_000; // start of quarter n (q(5) = end of year)
const END = q(5);

const measure: MeasureDef = {
  code: 'M05-I8-I12',
  stakeholderGroup: 'internal',
  priority: 'improve',
  indicator: 2,
  title: 'การใช้จ่ายงบประมาณ',
  items: [{ code: 'I8' }],
  steps: [
    { number: 1, text: 'ประชุมชี้แจง', quarters: [1, 2] },
    { number: 2, text: 'เผยแพร่แผน', quarters: [2, 3, 4] },
  ],
  responsibleUnits: ['PLAN_BUDGET', 'INTERNAL_AUDIT'],
  monitoringGuidelines: [{ number: 1, text: 'รายงานการประชุม' }],
  reporting: [
    { cadence: 'semiannual', recipient: 'director-or-delegate' },
    { cadence: 'yearly', recipient: 'director-or-delegate' },
  ],
};
const ctx: MeasureContext = {
  organizationCode: 'TCEB',
  measure,
  calendar,
  policy: { reportGraceDays: 15, escalationIntervalDays: 7, escalateCadences: [] },
};
const units = [
  { code: 'PLAN_BUDGET', name: 'ส่วนงานแผนงานและการงบประมาณ' },
  { code: 'INTERNAL_AUDIT', name: 'ฝ่ายตรวจสอบภายใน' },
];
const person = (id: string, role: Actor['role'], unitCode?: string): Actor => ({
  id,
  role,
  unitCode,
  organizationCode: 'TCEB',
});
const staff = (unit: string) => person(`staff-${unit}`, 'unit-staff', unit);
const head = (unit: string) => person(`head-${unit}`, 'unit-head', unit);
const director = person('director', 'director');
const oversight = (from: number, until: number | null) => [
  {
    kind: 'oversight' as const,
    delegationId: '7',
    delegatorId: 'director',
    from: new Date(from).toISOString(),
    until: until === null ? null : new Date(until).toISOString(),
  },
];
/** The Deputy Director, holding the Director's oversight from the start of the year. */
const deputy: Actor = { ...person('deputy', 'deputy-director'), grants: oversight(T0, null) };

function rejects(fn: () => unknown, code: string, path: string): CommandError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(CommandError);
    expect({ code: (error as CommandError).code, path: (error as CommandError).path }).toEqual({ code, path });
    return error as CommandError;
  }
  throw new Error('expected a CommandError');
}

const submit = (sut: MeasureState, key: string, at: number) =>
  submitTask(
    sut,
    ctx,
    {
      actor: staff(sut.tasks.find((t) => t.key === key)?.unitCode ?? '?'),
      taskKey: key,
      note: 'ดำเนินการแล้ว',
      progress: 'partly-done',
      evidence: [],
    },
    at,
  );

/**
 * A year left unfinished: Q1's Planning task approved, Internal Audit's submitted and never
 * decided, a Q2 task returned and never resubmitted, the rest never touched; the first 6-monthly
 * report never delivered (escalated since), the second submitted and never decided, the yearly
 * report still open.
 */
function unfinishedYear(): MeasureState {
  const sut = initialState(ctx, units);
  advance(sut, ctx, q(1));
  submit(sut, 'Q1-S1-PLAN_BUDGET', q(1) + 1);
  approveTask(sut, ctx, { actor: head('PLAN_BUDGET'), taskKey: 'Q1-S1-PLAN_BUDGET' }, q(1) + 2);
  submit(sut, 'Q1-S1-INTERNAL_AUDIT', q(1) + 3);
  advance(sut, ctx, q(2));
  submit(sut, 'Q2-S2-PLAN_BUDGET', q(2) + 1);
  returnTask(sut, ctx, { actor: head('PLAN_BUDGET'), taskKey: 'Q2-S2-PLAN_BUDGET', reason: 'ขาดหลักฐาน' }, q(2) + 2);
  for (const n of [3, 4, 5]) advance(sut, ctx, q(n));
  advance(sut, ctx, END + 2 * day);
  submitReport(sut, ctx, { actor: staff('PLAN_BUDGET'), reportKey: 'semiannual-2' }, END + 3 * day);
  advance(sut, ctx, END + 30 * day);
  return sut;
}

describe('closing the fiscal year', () => {
  it('is for the Director, or the Deputy Director holding his oversight that day, and no one else', () => {
    const sut = unfinishedYear();
    const at = END + 31 * day;
    const check = (actor: Actor) => () => checkCloseYear(sut, ctx, { actor }, at);
    for (const who of [
      staff('PLAN_BUDGET'),
      head('PLAN_BUDGET'),
      person('planner', 'planner'),
      person('auditor', 'auditor'),
    ])
      rejects(check(who), 'FORBIDDEN', 'actor.role');
    const without = rejects(check(person('deputy', 'deputy-director')), 'FORBIDDEN', 'actor.delegation');
    expect(without.message).toMatch(/closes the fiscal year only while holding the Director's delegation/);
    rejects(
      check({ ...person('deputy', 'deputy-director'), grants: oversight(T0, END) }),
      'FORBIDDEN',
      'actor.delegation',
    );
    rejects(check({ ...director, organizationCode: 'OTHER' }), 'FORBIDDEN', 'actor.organization');
    expect(check(director)).not.toThrow();
    expect(check(deputy)).not.toThrow();
  });

  it('is refused before the year has ended, naming the fiscal year and its end, and changes nothing', () => {
    const sut = initialState(ctx, units);
    advance(sut, ctx, q(4) + 1);
    const before = JSON.stringify(sut);
    const refused = rejects(() => closeYear(sut, ctx, { actor: director }, END - 1), 'CONFLICT', 'fiscalYear');
    expect(refused.message).toContain(`fiscal year 2565 ends at ${calendar.end}`);
    expect(JSON.stringify(sut)).toBe(before);
  });

  it('records every undone task and report as such, ends the open escalation and completes the measure', () => {
    const sut = unfinishedYear();
    const late = sut.reports.find((r) => r.key === 'semiannual-1')!;
    expect(late.escalation).toMatchObject({ level: expect.any(Number) });
    expect(late.escalation!.level).toBeGreaterThan(1);
    const at = END + 31 * day;
    const changes = closeYear(sut, ctx, { actor: deputy }, at);

    expect(sut.status).toBe('completed');
    expect(sut.closed).toEqual({
      at: new Date(at).toISOString(),
      by: 'deputy',
      authority: 'delegation 7 (oversight) from director',
    });
    const status = (key: string) => sut.tasks.find((t) => t.key === key)?.status;
    expect(status('Q1-S1-PLAN_BUDGET')).toBe('approved');
    expect(status('Q1-S1-INTERNAL_AUDIT')).toBe('not-decided');
    expect(sut.tasks.find((t) => t.key === 'Q1-S1-INTERNAL_AUDIT')?.submission?.note).toBe('ดำเนินการแล้ว');
    expect(status('Q2-S2-PLAN_BUDGET')).toBe('not-done');
    expect(sut.tasks.filter((t) => t.status === 'open' || t.status === 'submitted' || t.status === 'returned')).toEqual(
      [],
    );
    expect(sut.reports.map((r) => [r.key, r.status])).toEqual([
      ['semiannual-1', 'not-delivered'],
      ['semiannual-2', 'not-decided'],
      ['yearly-1', 'not-delivered'],
    ]);
    expect(late.escalation).toMatchObject({ endedAt: new Date(at).toISOString(), endReason: YEAR_CLOSED });
    expect(late.escalation!.resolvedAt).toBeUndefined();

    // Every effect is an audited change by the closer, under his delegation; the measure closes last.
    const actions = changes.map((c) => c.action);
    expect(actions.filter((a) => a === 'task.not-done')).toHaveLength(
      sut.tasks.filter((t) => t.status === 'not-done').length,
    );
    expect(actions.filter((a) => a === 'task.not-decided')).toHaveLength(1);
    expect(actions.filter((a) => a.startsWith('report.'))).toEqual([
      'report.not-delivered',
      'report.not-decided',
      'report.not-delivered',
    ]);
    expect(actions.filter((a) => a.startsWith('escalation.'))).toEqual(['escalation.ended']);
    expect(actions[actions.length - 1]).toBe('measure.closed');
    expect(new Set(changes.map((c) => c.actor.id))).toEqual(new Set(['deputy']));
    expect(new Set(changes.map((c) => c.authority))).toEqual(new Set(['delegation 7 (oversight) from director']));
    const ended = changes.find((c) => c.action === 'escalation.ended')!;
    expect(ended).toMatchObject({ entity: 'escalation', key: 'semiannual-1' });
    expect(ended.after).toMatchObject({
      endReason: YEAR_CLOSED,
      reportKey: 'semiannual-1',
      daysLate: expect.any(Number),
    });
    const closed = changes[changes.length - 1];
    expect(closed).toMatchObject({ entity: 'measure', key: 'M05-I8-I12' });
    expect(closed.after).toEqual({
      fiscalYear: 2565,
      reportsNotDelivered: ['semiannual-1', 'yearly-1'],
      reportsNotDecided: ['semiannual-2'],
      escalationsEnded: ['semiannual-1'],
      tasksNotDone: sut.tasks.filter((t) => t.status === 'not-done').length,
      tasksNotDecided: 1,
    });
    expect(yearCloseSummary(sut)).toEqual({
      measureCode: 'M05-I8-I12',
      closed: true,
      closedAt: new Date(at).toISOString(),
      closedBy: 'deputy',
      reportsNotDelivered: ['semiannual-1', 'yearly-1'],
      reportsNotDecided: ['semiannual-2'],
      escalationsEnded: ['semiannual-1'],
      tasksNotDone: sut.tasks.filter((t) => t.status === 'not-done').length,
      tasksNotDecided: 1,
    });
  });

  it('stops the measure: nothing escalates or falls due any more, and no command is taken', () => {
    const sut = unfinishedYear();
    const at = END + 31 * day;
    closeYear(sut, ctx, { actor: director }, at);
    const level = sut.reports[0].escalation!.level;
    expect(nextWakeUp(sut, ctx, at)).toBeNull();
    expect(advance(sut, ctx, at + 365 * day)).toEqual([]);
    expect(sut.reports[0].escalation!.level).toBe(level);
    rejects(
      () => submitReport(sut, ctx, { actor: staff('PLAN_BUDGET'), reportKey: 'semiannual-1' }, at + 1),
      'CONFLICT',
      'reportKey',
    );
    rejects(
      () => approveReport(sut, ctx, { actor: director, reportKey: 'semiannual-2' }, at + 1),
      'CONFLICT',
      'reportKey',
    );
    rejects(() => submit(sut, 'Q2-S2-PLAN_BUDGET', at + 1), 'CONFLICT', 'taskKey');
    rejects(
      () => approveTask(sut, ctx, { actor: head('INTERNAL_AUDIT'), taskKey: 'Q1-S1-INTERNAL_AUDIT' }, at + 1),
      'CONFLICT',
      'taskKey',
    );
    rejects(
      () =>
        amend(
          sut,
          ctx,
          { actor: director, change: { kind: 'set-cadences', cadences: ['yearly'] }, reason: 'x' },
          at + 1,
        ),
      'CONFLICT',
      'change',
    );
    const again = rejects(() => closeYear(sut, ctx, { actor: director }, at + 2), 'CONFLICT', 'fiscalYear');
    expect(again.message).toContain('was closed on');
  });

  it('ends the escalation of a returned report late again in its new round, and leaves the earlier round as it was', () => {
    const sut = initialState(ctx, units);
    advance(sut, ctx, q(3) + 15 * day);
    submitReport(sut, ctx, { actor: staff('PLAN_BUDGET'), reportKey: 'semiannual-1' }, q(3) + 16 * day);
    returnReport(sut, ctx, { actor: director, reportKey: 'semiannual-1', comments: 'แก้ไข' }, q(3) + 17 * day);
    advance(sut, ctx, END + 20 * day);
    const report = sut.reports.find((r) => r.key === 'semiannual-1')!;
    expect(report.status).toBe('returned');
    expect(report.escalation).toMatchObject({ round: 2 });
    closeYear(sut, ctx, { actor: director }, END + 21 * day);
    expect(report.status).toBe('not-delivered');
    expect(report.escalation).toMatchObject({ round: 2, endReason: YEAR_CLOSED });
    expect(report.earlierEscalations).toHaveLength(1);
    expect(report.earlierEscalations![0].resolvedAt).toBeDefined();
    expect(report.earlierEscalations![0].endedAt).toBeUndefined();
    expect(sut.closed).toEqual({ at: new Date(END + 21 * day).toISOString(), by: 'director' });
  });

  it('has nothing to close in a measure that completed on its own', () => {
    const sut = initialState(ctx, units);
    for (let n = 1; n <= 5; n++) {
      advance(sut, ctx, q(n));
      for (const t of sut.tasks.filter((x) => x.status === 'open')) {
        submit(sut, t.key, q(n) + 1);
        approveTask(sut, ctx, { actor: head(t.unitCode), taskKey: t.key }, q(n) + 2);
      }
    }
    for (const r of sut.reports) {
      submitReport(sut, ctx, { actor: staff('PLAN_BUDGET'), reportKey: r.key }, END + 3);
      approveReport(sut, ctx, { actor: deputy, reportKey: r.key }, END + 4);
    }
    expect(sut.status).toBe('completed');
    rejects(() => closeYear(sut, ctx, { actor: director }, END + 5), 'CONFLICT', 'fiscalYear');
    expect(yearCloseSummary(sut)).toMatchObject({ closed: false, reportsNotDelivered: [], tasksNotDone: 0 });
  });
});
