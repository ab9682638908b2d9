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
  nextWakeUp,
  quarterStatus,
  returnReport,
  returnTask,
  stepQuarterComplete,
  submitReport,
  submitTask,
} from './measure-machine';
import type { MeasureContext, MeasureState } from './measure.types';

// A year of 91-second quarters: one "day" is one second, so 15 days' grace is 15 s.
const T0 = Date.parse('2030-01-01T00:00:00.000Z');
const calendar = compressedFiscalCalendar(2565, new Date(T0), 91_000);
const day = 1000;
const q = (n: number) => T0 + (n - 1) * 91_000; // start of quarter n (q(5) = end of year)

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
  monitoringGuidelines: [
    { number: 1, text: 'รายงานการประชุม', steps: [1] },
    { number: 2, text: 'หน้าเว็บไซต์' },
  ],
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

const staff = (unit: string): Actor => ({
  id: `staff-${unit}`,
  role: 'unit-staff',
  unitCode: unit,
  organizationCode: 'TCEB',
});
const head = (unit: string): Actor => ({
  id: `head-${unit}`,
  role: 'unit-head',
  unitCode: unit,
  organizationCode: 'TCEB',
});
/** The Deputy Director, holding the Director's oversight for the whole test year. */
const deputy: Actor = {
  id: 'deputy',
  role: 'deputy-director',
  organizationCode: 'TCEB',
  grants: [
    { kind: 'oversight', delegationId: '1', delegatorId: 'director', from: new Date(T0).toISOString(), until: null },
  ],
};
const link = (guidelines: number[]) => [
  { kind: 'link' as const, url: 'https://example.go.th/minutes.pdf', name: 'รายงานการประชุม', guidelines },
];

function rejects(fn: () => unknown, code: string, path: string): void {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(CommandError);
    expect({ code: (error as CommandError).code, path: (error as CommandError).path }).toEqual({ code, path });
    return;
  }
  throw new Error('expected a CommandError');
}

function completeTask(sut: MeasureState, key: string, unit: string, at: number): void {
  submitTask(
    sut,
    ctx,
    {
      actor: staff(unit),
      taskKey: key,
      note: 'ดำเนินการแล้ว',
      progress: 'done',
      evidence: link(key.includes('-S1-') ? [1] : [2]),
    },
    at,
  );
  approveTask(sut, ctx, { actor: head(unit), taskKey: key }, at);
}

describe('measure machine', () => {
  let sut: MeasureState;
  beforeEach(() => {
    sut = initialState(ctx, units);
  });

  it('opens, at each quarter start, a task for every active step and every responsible unit', () => {
    advance(sut, ctx, q(1));
    expect(sut.tasks.map((t) => t.key)).toEqual(['Q1-S1-PLAN_BUDGET', 'Q1-S1-INTERNAL_AUDIT']);
    expect(sut.currentQuarter).toBe(1);
    advance(sut, ctx, q(2));
    expect(sut.tasks.filter((t) => t.quarter === 2).map((t) => t.key)).toEqual([
      'Q2-S1-PLAN_BUDGET',
      'Q2-S1-INTERNAL_AUDIT',
      'Q2-S2-PLAN_BUDGET',
      'Q2-S2-INTERNAL_AUDIT',
    ]);
  });

  it('marks tasks still open at quarter end overdue and keeps them open', () => {
    advance(sut, ctx, q(1));
    completeTask(sut, 'Q1-S1-PLAN_BUDGET', 'PLAN_BUDGET', q(1) + 10);
    const changes = advance(sut, ctx, q(2));
    expect(changes.filter((c) => c.action === 'task.overdue').map((c) => c.key)).toEqual(['Q1-S1-INTERNAL_AUDIT']);
    expect(sut.tasks.find((t) => t.key === 'Q1-S1-INTERNAL_AUDIT')).toMatchObject({ status: 'open', overdue: true });
    expect(quarterStatus(sut, 1)).toBe('overdue');
  });

  it('completes a step-quarter only when every responsible unit is approved (joint responsibility)', () => {
    advance(sut, ctx, q(1));
    completeTask(sut, 'Q1-S1-PLAN_BUDGET', 'PLAN_BUDGET', q(1) + 10);
    expect(stepQuarterComplete(sut, 1, 1)).toBe(false);
    completeTask(sut, 'Q1-S1-INTERNAL_AUDIT', 'INTERNAL_AUDIT', q(1) + 20);
    expect(stepQuarterComplete(sut, 1, 1)).toBe(true);
    expect(quarterStatus(sut, 1)).toBe('complete');
  });

  it('lets only the task unit submit, only its head decide, and only in the right state', () => {
    advance(sut, ctx, q(1));
    const submit = (actor: Actor, extra = {}) =>
      submitTask(
        sut,
        ctx,
        { actor, taskKey: 'Q1-S1-PLAN_BUDGET', note: 'บันทึก', progress: 'partly-done', evidence: [], ...extra },
        q(1) + 5,
      );
    rejects(() => submit(staff('INTERNAL_AUDIT')), 'FORBIDDEN', 'actor.unit');
    rejects(() => submit(deputy), 'FORBIDDEN', 'actor.role');
    rejects(() => submit(staff('PLAN_BUDGET'), { note: '  ' }), 'INVALID', 'note');
    rejects(() => submit(staff('PLAN_BUDGET'), { progress: 'done' }), 'INVALID', 'evidence');
    rejects(() => submit(staff('PLAN_BUDGET'), { evidence: link([2, 9]) }), 'INVALID', 'evidence[0].guidelines');
    rejects(
      () =>
        submit(staff('PLAN_BUDGET'), {
          evidence: [{ kind: 'link', url: 'javascript:alert(1)', name: 'x', guidelines: [1] }],
        }),
      'INVALID',
      'evidence[0].url',
    );
    rejects(
      () => approveTask(sut, ctx, { actor: head('PLAN_BUDGET'), taskKey: 'Q1-S1-PLAN_BUDGET' }, q(1)),
      'CONFLICT',
      'taskKey',
    );
    submit(staff('PLAN_BUDGET'));
    rejects(() => submit(staff('PLAN_BUDGET')), 'CONFLICT', 'taskKey');
    rejects(
      () => approveTask(sut, ctx, { actor: staff('PLAN_BUDGET'), taskKey: 'Q1-S1-PLAN_BUDGET' }, q(1)),
      'FORBIDDEN',
      'actor.role',
    );
    rejects(
      () => approveTask(sut, ctx, { actor: head('INTERNAL_AUDIT'), taskKey: 'Q1-S1-PLAN_BUDGET' }, q(1)),
      'FORBIDDEN',
      'actor.unit',
    );
    rejects(
      () => approveTask(sut, ctx, { actor: head('PLAN_BUDGET'), taskKey: 'Q9-S1-PLAN_BUDGET' }, q(1)),
      'NOT_FOUND',
      'taskKey',
    );
  });

  it('reopens a returned task with its reason, and takes it again', () => {
    advance(sut, ctx, q(1));
    submitTask(
      sut,
      ctx,
      { actor: staff('PLAN_BUDGET'), taskKey: 'Q1-S1-PLAN_BUDGET', note: 'ร่าง', progress: 'partly-done', evidence: [] },
      q(1) + 5,
    );
    rejects(
      () => returnTask(sut, ctx, { actor: head('PLAN_BUDGET'), taskKey: 'Q1-S1-PLAN_BUDGET' }, q(1) + 6),
      'INVALID',
      'reason',
    );
    returnTask(sut, ctx, { actor: head('PLAN_BUDGET'), taskKey: 'Q1-S1-PLAN_BUDGET', reason: 'ขาดหลักฐาน' }, q(1) + 6);
    expect(sut.tasks[0]).toMatchObject({ status: 'returned', returnReason: 'ขาดหลักฐาน', returnCount: 1 });
    completeTask(sut, 'Q1-S1-PLAN_BUDGET', 'PLAN_BUDGET', q(1) + 7);
    expect(sut.tasks[0]).toMatchObject({ status: 'approved', returnCount: 1 });
  });

  it('opens the 6-monthly report at the end of Q2 with a draft from the period, due after the grace days', () => {
    advance(sut, ctx, q(1));
    completeTask(sut, 'Q1-S1-PLAN_BUDGET', 'PLAN_BUDGET', q(1) + 10);
    rejects(
      () => submitReport(sut, ctx, { actor: staff('PLAN_BUDGET'), reportKey: 'semiannual-1' }, q(2)),
      'CONFLICT',
      'reportKey',
    );
    advance(sut, ctx, q(2));
    advance(sut, ctx, q(3));
    const report = sut.reports.find((r) => r.key === 'semiannual-1')!;
    expect(report).toMatchObject({
      status: 'open',
      periodEnd: new Date(q(3)).toISOString(),
      dueAt: new Date(q(3) + 15 * day).toISOString(),
      units: ['PLAN_BUDGET', 'INTERNAL_AUDIT'],
    });
    expect(report.draft.find((l) => l.quarter === 1 && l.unitCode === 'PLAN_BUDGET')).toMatchObject({
      status: 'approved',
      progress: 'done',
      note: 'ดำเนินการแล้ว',
      evidenceCount: 1,
    });
    expect(report.draft).toHaveLength(6);
  });

  it('escalates a missing 6-monthly report at its due date, repeats with a rising level, and resolves on submission', () => {
    advance(sut, ctx, q(3));
    expect(nextWakeUp(sut, ctx, q(3))).toBe(q(3) + 15 * day);
    advance(sut, ctx, q(3) + 15 * day);
    const report = () => sut.reports.find((r) => r.key === 'semiannual-1')!;
    expect(report()).toMatchObject({ overdue: true, escalation: { level: 1 } });
    expect(nextWakeUp(sut, ctx, q(3) + 15 * day)).toBe(q(3) + 22 * day);
    const repeated = (now: number) =>
      advance(sut, ctx, now)
        .filter((c) => c.action === 'escalation.repeated')
        .map((c) => c.after as { level: number; daysLate: number });
    expect(repeated(q(3) + 22 * day)).toEqual([expect.objectContaining({ level: 2, daysLate: 7 })]);
    expect(repeated(q(3) + 25 * day)).toEqual([]);
    expect(repeated(q(3) + 29 * day)).toEqual([expect.objectContaining({ level: 3, daysLate: 14 })]);
    const submitted = submitReport(
      sut,
      ctx,
      { actor: staff('INTERNAL_AUDIT'), reportKey: 'semiannual-1' },
      q(3) + 31 * day,
    );
    expect(submitted.map((c) => c.action)).toEqual(['report.submitted', 'escalation.resolved']);
    expect(report().escalation).toMatchObject({ level: 3, resolvedAt: new Date(q(3) + 31 * day).toISOString() });
    expect(report().summary).toContain('รายงานผลการดำเนินงานตามมาตรการ M05-I8-I12');
  });

  it('gives a returned report a new due date, escalates it again in a new round when late, and keeps the earlier round', () => {
    const policy = { ...ctx.policy, resubmissionDays: 5 };
    const c = { ...ctx, policy };
    const report = () => sut.reports.find((r) => r.key === 'semiannual-1')!;
    advance(sut, c, q(3) + 15 * day);
    submitReport(sut, c, { actor: staff('INTERNAL_AUDIT'), reportKey: 'semiannual-1' }, q(3) + 16 * day);
    returnReport(sut, c, { actor: deputy, reportKey: 'semiannual-1', comments: 'ขอตัวเลขการเบิกจ่าย' }, q(3) + 17 * day);
    expect(report()).toMatchObject({
      status: 'returned',
      round: 2,
      overdue: false,
      dueAt: new Date(q(3) + 22 * day).toISOString(),
    });
    expect(nextWakeUp(sut, c, q(3) + 17 * day)).toBe(q(3) + 22 * day);
    expect(advance(sut, c, q(3) + 21 * day)).toEqual([]);
    const late = advance(sut, c, q(3) + 22 * day);
    expect(late.map((x) => x.action)).toEqual(['report.overdue', 'escalation.raised']);
    expect(late[1].after).toMatchObject({ round: 2, level: 1, daysLate: 0 });
    expect(report().earlierEscalations).toEqual([
      expect.objectContaining({ level: 1, resolvedAt: new Date(q(3) + 16 * day).toISOString() }),
    ]);
    expect(advance(sut, c, q(3) + 29 * day).map((x) => [x.action, (x.after as { level?: number }).level])).toEqual([
      ['escalation.repeated', 2],
    ]);
    const resubmitted = submitReport(
      sut,
      c,
      { actor: staff('INTERNAL_AUDIT'), reportKey: 'semiannual-1', summary: 'แนบตัวเลขแล้ว' },
      q(3) + 30 * day,
    );
    expect(resubmitted.map((x) => x.action)).toEqual(['report.submitted', 'escalation.resolved']);
    expect(report().escalation).toMatchObject({
      round: 2,
      level: 2,
      resolvedAt: new Date(q(3) + 30 * day).toISOString(),
    });
  });

  it('leaves a report returned under the old rule (no round) without a new due date, as running measures recorded it', () => {
    advance(sut, ctx, q(3));
    submitReport(sut, ctx, { actor: staff('INTERNAL_AUDIT'), reportKey: 'semiannual-1' }, q(3) + day);
    returnReport(sut, ctx, { actor: deputy, reportKey: 'semiannual-1', comments: 'แก้ไข' }, q(3) + 2 * day, {
      fallsDueAgain: false,
    });
    expect(sut.reports[0]).toMatchObject({ status: 'returned', dueAt: new Date(q(3) + 15 * day).toISOString() });
    expect(sut.reports[0].round).toBeUndefined();
    expect(
      advance(sut, ctx, q(3) + 60 * day).filter((x) => x.entity === 'report' || x.entity === 'escalation'),
    ).toEqual([]);
  });

  it('catches up on missed escalations in one change when a plan is activated late', () => {
    advance(sut, ctx, q(3) + 15 * day);
    const changes = advance(sut, ctx, q(3) + 15 * day + 70 * day);
    expect(
      changes.filter((c) => c.action === 'escalation.repeated').map((c) => (c.after as { level: number }).level),
    ).toEqual([11]);
    expect(sut.reports.find((r) => r.key === 'semiannual-1')?.escalation?.nextAt).toBe(
      new Date(q(3) + 92 * day).toISOString(),
    );
  });

  it('marks a late yearly report overdue without escalating it unless the organization asks for it', () => {
    advance(sut, ctx, q(5) + 16 * day);
    const yearly = sut.reports.find((r) => r.key === 'yearly-1');
    expect(yearly?.overdue).toBe(true);
    expect(yearly?.escalation).toBeUndefined();
    const strict = initialState(ctx, units);
    advance(strict, { ...ctx, policy: { ...ctx.policy, escalateCadences: ['yearly'] } }, q(5) + 16 * day);
    expect(strict.reports.find((r) => r.key === 'yearly-1')?.escalation?.level).toBe(1);
  });

  it('lets only the Deputy Director (or Director) approve or return a submitted report', () => {
    advance(sut, ctx, q(3));
    const key = 'semiannual-1';
    rejects(() => approveReport(sut, ctx, { actor: deputy, reportKey: key }, q(3) + 1), 'CONFLICT', 'reportKey');
    rejects(() => submitReport(sut, ctx, { actor: staff('HR'), reportKey: key }, q(3) + 1), 'FORBIDDEN', 'actor.unit');
    submitReport(sut, ctx, { actor: head('PLAN_BUDGET'), reportKey: key, summary: 'สรุปผล' }, q(3) + 1);
    rejects(
      () => approveReport(sut, ctx, { actor: head('PLAN_BUDGET'), reportKey: key }, q(3) + 2),
      'FORBIDDEN',
      'actor.role',
    );
    rejects(() => returnReport(sut, ctx, { actor: deputy, reportKey: key }, q(3) + 2), 'INVALID', 'comments');
    returnReport(sut, ctx, { actor: deputy, reportKey: key, comments: 'เพิ่มตัวเลขงบประมาณ' }, q(3) + 2);
    submitReport(sut, ctx, { actor: head('PLAN_BUDGET'), reportKey: key, summary: 'สรุปผล (แก้ไข)' }, q(3) + 3);
    approveReport(sut, ctx, { actor: deputy, reportKey: key }, q(3) + 4);
    expect(sut.reports.find((r) => r.key === key)).toMatchObject({
      status: 'approved',
      returnCount: 1,
      summary: 'สรุปผล (แก้ไข)',
      comments: 'เพิ่มตัวเลขงบประมาณ',
    });
  });

  it('follows the delegation of oversight: a Deputy Director decides only while the delegation is in force', () => {
    advance(sut, ctx, q(3));
    const key = 'semiannual-1';
    submitReport(sut, ctx, { actor: head('PLAN_BUDGET'), reportKey: key, summary: 'สรุปผล' }, q(3) + 1);
    const grant = {
      kind: 'oversight' as const,
      delegationId: '9',
      delegatorId: 'director',
      from: new Date(q(3) + 5).toISOString(),
      until: new Date(q(3) + 10).toISOString(),
    };
    const delegate: Actor = { id: 'deputy2', role: 'deputy-director', organizationCode: 'TCEB', grants: [grant] };
    rejects(
      () => approveReport(sut, ctx, { actor: { ...delegate, grants: [] }, reportKey: key }, q(3) + 6),
      'FORBIDDEN',
      'actor.delegation',
    );
    rejects(
      () => approveReport(sut, ctx, { actor: delegate, reportKey: key }, q(3) + 4),
      'FORBIDDEN',
      'actor.delegation',
    );
    rejects(
      () => approveReport(sut, ctx, { actor: delegate, reportKey: key }, q(3) + 10),
      'FORBIDDEN',
      'actor.delegation',
    );
    const changes = approveReport(sut, ctx, { actor: delegate, reportKey: key }, q(3) + 6);
    expect(changes[0]).toMatchObject({
      action: 'report.approved',
      authority: 'delegation 9 (oversight) from director',
    });
    // The Director holds oversight without any delegation.
    advance(sut, ctx, q(5) + 1);
    submitReport(sut, ctx, { actor: head('PLAN_BUDGET'), reportKey: 'yearly-1' }, q(5) + 1);
    approveReport(
      sut,
      ctx,
      { actor: { id: 'director', role: 'director', organizationCode: 'TCEB' }, reportKey: 'yearly-1' },
      q(5) + 2,
    );
    expect(sut.reports.find((r) => r.key === 'yearly-1')).toMatchObject({ status: 'approved', decidedBy: 'director' });
  });

  it('lets an acting unit head stand in for the head of another unit while his delegation is in force', () => {
    advance(sut, ctx, q(1));
    submitTask(
      sut,
      ctx,
      {
        actor: staff('PLAN_BUDGET'),
        taskKey: 'Q1-S1-PLAN_BUDGET',
        note: 'ส่งแล้ว',
        progress: 'partly-done',
        evidence: [],
      },
      q(1) + 1,
    );
    const grant = {
      kind: 'unit-head' as const,
      unitCode: 'PLAN_BUDGET',
      delegationId: '4',
      delegatorId: 'head-PLAN_BUDGET',
      from: new Date(q(1)).toISOString(),
      until: new Date(q(1) + 3).toISOString(),
    };
    const acting: Actor = { ...head('INTERNAL_AUDIT'), grants: [grant] };
    rejects(
      () => approveTask(sut, ctx, { actor: acting, taskKey: 'Q1-S1-PLAN_BUDGET' }, q(1) + 3),
      'FORBIDDEN',
      'actor.unit',
    );
    rejects(
      () =>
        approveTask(
          sut,
          ctx,
          { actor: { ...acting, grants: [{ ...grant, unitCode: 'HR' }] }, taskKey: 'Q1-S1-PLAN_BUDGET' },
          q(1) + 2,
        ),
      'FORBIDDEN',
      'actor.unit',
    );
    const changes = approveTask(sut, ctx, { actor: acting, taskKey: 'Q1-S1-PLAN_BUDGET' }, q(1) + 2);
    expect(changes[0]).toMatchObject({
      action: 'task.approved',
      authority: 'delegation 4 (unit-head PLAN_BUDGET) from head-PLAN_BUDGET',
    });
  });

  it('refuses anyone from another organization, whatever his role', () => {
    advance(sut, ctx, q(1));
    const outsider: Actor = { ...staff('PLAN_BUDGET'), organizationCode: 'OTHER' };
    rejects(
      () =>
        submitTask(
          sut,
          ctx,
          { actor: outsider, taskKey: 'Q1-S1-PLAN_BUDGET', note: 'x', progress: 'not-done', evidence: [] },
          q(1) + 1,
        ),
      'FORBIDDEN',
      'actor.organization',
    );
    rejects(
      () =>
        submitTask(
          sut,
          ctx,
          {
            actor: { id: 'x', role: 'unit-staff', unitCode: 'PLAN_BUDGET' },
            taskKey: 'Q1-S1-PLAN_BUDGET',
            note: 'x',
            progress: 'not-done',
            evidence: [],
          },
          q(1) + 1,
        ),
      'FORBIDDEN',
      'actor.organization',
    );
    rejects(
      () =>
        amend(
          sut,
          ctx,
          {
            actor: { ...deputy, organizationCode: 'OTHER' },
            change: { kind: 'remove-step', stepNumber: 1 },
            reason: 'x',
          },
          q(1) + 2,
        ),
      'FORBIDDEN',
      'actor.organization',
    );
    rejects(
      () =>
        amend(
          sut,
          ctx,
          {
            actor: { id: 'aud', role: 'auditor', organizationCode: 'TCEB' },
            change: { kind: 'remove-step', stepNumber: 1 },
            reason: 'x',
          },
          q(1) + 2,
        ),
      'FORBIDDEN',
      'actor.role',
    );
  });

  it('amends a running measure: new step tasks open now, removed step pending tasks are withdrawn, approved work stays', () => {
    advance(sut, ctx, q(1));
    completeTask(sut, 'Q1-S1-PLAN_BUDGET', 'PLAN_BUDGET', q(1) + 5);
    rejects(
      () =>
        amend(
          sut,
          ctx,
          { actor: staff('PLAN_BUDGET'), change: { kind: 'remove-step', stepNumber: 1 }, reason: 'x' },
          q(1) + 6,
        ),
      'FORBIDDEN',
      'actor.role',
    );
    amend(
      sut,
      ctx,
      { actor: deputy, change: { kind: 'add-step', text: 'ตรวจสอบภายใน', quarters: [1, 2] }, reason: 'ข้อเสนอแนะ' },
      q(1) + 6,
    );
    expect(sut.tasks.filter((t) => t.stepNumber === 3).map((t) => t.key)).toEqual([
      'Q1-S3-PLAN_BUDGET',
      'Q1-S3-INTERNAL_AUDIT',
    ]);
    amend(sut, ctx, { actor: deputy, change: { kind: 'remove-step', stepNumber: 1 }, reason: 'ซ้ำซ้อน' }, q(1) + 7);
    expect(sut.tasks.filter((t) => t.stepNumber === 1).map((t) => [t.key, t.status])).toEqual([
      ['Q1-S1-PLAN_BUDGET', 'approved'],
      ['Q1-S1-INTERNAL_AUDIT', 'withdrawn'],
    ]);
    advance(sut, ctx, q(2));
    expect(sut.tasks.some((t) => t.quarter === 2 && t.stepNumber === 1)).toBe(false);
    expect(sut.amendments.map((a) => a.change.kind)).toEqual(['add-step', 'remove-step']);
  });

  it('never reuses a removed step number, and withdraws submitted tasks of a removed step too', () => {
    advance(sut, ctx, q(2));
    submitTask(
      sut,
      ctx,
      {
        actor: staff('PLAN_BUDGET'),
        taskKey: 'Q2-S2-PLAN_BUDGET',
        note: 'ส่งแล้ว',
        progress: 'partly-done',
        evidence: [],
      },
      q(2) + 1,
    );
    amend(sut, ctx, { actor: deputy, change: { kind: 'remove-step', stepNumber: 2 }, reason: 'ยกเลิก' }, q(2) + 2);
    expect(sut.tasks.find((t) => t.key === 'Q2-S2-PLAN_BUDGET')?.status).toBe('withdrawn');
    amend(
      sut,
      ctx,
      { actor: deputy, change: { kind: 'add-step', text: 'ขั้นตอนใหม่', quarters: [2] }, reason: 'เพิ่ม' },
      q(2) + 3,
    );
    expect(sut.steps.map((x) => x.number)).toEqual([1, 3]);
    expect(sut.tasks.filter((t) => t.stepNumber === 3).map((t) => t.status)).toEqual(['open', 'open']);
  });

  it('does not let a unit head decide a task he submitted himself', () => {
    advance(sut, ctx, q(1));
    submitTask(
      sut,
      ctx,
      {
        actor: head('PLAN_BUDGET'),
        taskKey: 'Q1-S1-PLAN_BUDGET',
        note: 'ส่งเอง',
        progress: 'partly-done',
        evidence: [],
      },
      q(1) + 1,
    );
    rejects(
      () => approveTask(sut, ctx, { actor: head('PLAN_BUDGET'), taskKey: 'Q1-S1-PLAN_BUDGET' }, q(1) + 2),
      'FORBIDDEN',
      'actor',
    );
  });

  it('stops escalating the reports of a cadence that an amendment removed', () => {
    advance(sut, ctx, q(3) + 15 * day);
    expect(sut.reports.find((r) => r.key === 'semiannual-1')?.escalation?.level).toBe(1);
    amend(
      sut,
      ctx,
      { actor: deputy, change: { kind: 'set-cadences', cadences: ['yearly'] }, reason: 'รายงานปีละครั้ง' },
      q(3) + 16 * day,
    );
    advance(sut, ctx, q(3) + 40 * day);
    expect(sut.reports.find((r) => r.key === 'semiannual-1')?.escalation?.level).toBe(1);
    expect(sut.reports.some((r) => r.key === 'semiannual-2')).toBe(false);
  });

  it('finishes once the year is over and every task and report is approved', () => {
    for (let n = 1; n <= 5; n++) {
      advance(sut, ctx, q(n));
      for (const t of sut.tasks.filter((x) => x.status === 'open')) completeTask(sut, t.key, t.unitCode, q(n) + 1);
    }
    expect(isFinished(sut, ctx, q(5) + 2)).toBe(false);
    for (const r of sut.reports) {
      submitReport(sut, ctx, { actor: staff('PLAN_BUDGET'), reportKey: r.key }, q(5) + 2);
      approveReport(sut, ctx, { actor: deputy, reportKey: r.key }, q(5) + 3);
    }
    expect(sut.reports.map((r) => r.key)).toEqual(['semiannual-1', 'semiannual-2', 'yearly-1']);
    expect(sut.status).toBe('completed');
    expect(nextWakeUp(sut, ctx, q(5) + 4)).toBeNull();
  });
});
