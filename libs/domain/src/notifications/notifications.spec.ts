/** Who is told what, and when: the recipients, the schedule and the words of notifications. */
import { bangkokMidnight } from '../fiscal-calendar';
import { nextHourOfDay, reminderAt } from './notification-schedule';
import { digestMail, notificationMail, notificationText } from './notification-templates';
import { Directory, recipientsOfEvent, recipientsOfReminder, unitHeads } from './recipients';

const DAY = 86_400_000;
const dir: Directory = {
  people: [
    { username: 'hr.head', role: 'unit-head', unitCode: 'HR', active: true },
    { username: 'hr.staff', role: 'unit-staff', unitCode: 'HR', active: true },
    { username: 'hr.gone', role: 'unit-staff', unitCode: 'HR', active: false },
    { username: 'it.head', role: 'unit-head', unitCode: 'IT', active: true },
    { username: 'it.staff', role: 'unit-staff', unitCode: 'IT', active: true },
    { username: 'director', role: 'director', unitCode: null, active: true },
    { username: 'deputy', role: 'deputy-director', unitCode: null, active: true },
  ],
  delegations: [
    // The Deputy Director holds the oversight in January 2027 only.
    {
      id: 1,
      kind: 'oversight',
      unitCode: null,
      delegator: 'director',
      delegate: 'deputy',
      startsOn: '2027-01-01',
      endsOn: '2027-01-31',
      revokedAt: null,
    },
    // IT's staff member acts as HR's head for the first week of January.
    {
      id: 2,
      kind: 'unit-head',
      unitCode: 'HR',
      delegator: 'hr.head',
      delegate: 'it.staff',
      startsOn: '2027-01-01',
      endsOn: '2027-01-07',
      revokedAt: null,
    },
  ],
};
const task = (unitCode: string, extra: Record<string, unknown> = {}) => ({ unitCode, ...extra });
const on = (day: string) => bangkokMidnight(...(day.split('-').map(Number) as [number, number, number])).toISOString();
const event = (action: string, at: string, after: Record<string, unknown>, actorId = 'system') => ({
  action,
  entity: action.split('.')[0],
  key: 'K',
  at,
  actorId,
  after,
  before: null,
});

describe('recipients', () => {
  it("tells a task's opening to its own unit only (staff and head, not the inactive, not other units)", () => {
    expect(recipientsOfEvent(dir, event('task.opened', on('2026-12-01'), task('HR'))).map((r) => r.username)).toEqual([
      'hr.staff',
      'hr.head',
    ]);
  });

  it('an acting head receives what the head would, for as long as his delegation lasts', () => {
    expect(unitHeads(dir, 'HR', Date.parse(on('2027-01-03')))).toEqual(['hr.head', 'it.staff']);
    expect(unitHeads(dir, 'HR', Date.parse(on('2027-01-08')))).toEqual(['hr.head']);
    const submitted = (at: string) =>
      recipientsOfEvent(dir, event('task.submitted', at, task('HR', { submittedBy: 'hr.staff' }), 'hr.staff'));
    expect(submitted(on('2027-01-03')).map((r) => [r.username, r.kind])).toEqual([
      ['hr.head', 'task-submitted'],
      ['it.staff', 'task-submitted'],
    ]);
    expect(submitted(on('2027-01-08')).map((r) => r.username)).toEqual(['hr.head']);
  });

  it('a returned task goes back to whoever submitted it', () => {
    const r = recipientsOfEvent(dir, event('task.returned', on('2026-12-05'), task('HR', { submittedBy: 'hr.staff' })));
    expect(r).toEqual([{ username: 'hr.staff', kind: 'task-returned' }]);
  });

  it("escalates to whoever holds the oversight that day, with a copy to the units' heads", () => {
    const escalation = (at: string) =>
      recipientsOfEvent(dir, event('escalation.raised', at, { units: ['HR', 'IT'], level: 1 }));
    expect(escalation(on('2027-01-15'))).toEqual([
      { username: 'deputy', kind: 'escalation-raised' },
      { username: 'hr.head', kind: 'escalation-raised', copy: true },
      { username: 'it.head', kind: 'escalation-raised', copy: true },
    ]);
    expect(escalation(on('2027-02-15'))[0]).toEqual({ username: 'director', kind: 'escalation-raised' });
    expect(
      recipientsOfEvent(dir, event('escalation.repeated', on('2027-02-15'), { units: ['IT'], level: 2 })).map(
        (r) => r.kind,
      ),
    ).toEqual(['escalation-repeated', 'escalation-repeated']);
  });

  it('reports: opened to the heads, approved to the heads and the submitter; changes nobody is told of tell nobody', () => {
    const report = { units: ['IT'], submittedBy: 'it.staff' };
    expect(recipientsOfEvent(dir, event('report.opened', on('2027-04-01'), report)).map((r) => r.username)).toEqual([
      'it.head',
    ]);
    expect(recipientsOfEvent(dir, event('report.approved', on('2027-04-20'), report)).map((r) => r.username)).toEqual([
      'it.head',
      'it.staff',
    ]);
    expect(recipientsOfEvent(dir, event('report.submitted', on('2027-01-20'), report))).toEqual([
      { username: 'deputy', kind: 'report-submitted' },
    ]);
    expect(recipientsOfEvent(dir, event('quarter.opened', on('2027-01-01'), {}))).toEqual([]);
    expect(recipientsOfReminder(dir, { entity: 'report', units: ['HR'] }, Date.parse(on('2027-01-02')))).toEqual([
      'hr.head',
      'it.staff',
    ]);
  });
});

/** The last day to act is 31 December 2026. */
const due = on('2027-01-01');

describe('schedule', () => {
  it("reminds at the person's hour, 7 days and 1 day before the last day ends, never before the item opened", () => {
    const item = { openedAt: on('2026-10-01'), dueAt: due };
    expect(new Date(reminderAt(item, 7, DAY, 8)!).toISOString()).toBe('2026-12-25T01:00:00.000Z'); // 08:00 Bangkok
    expect(new Date(reminderAt(item, 1, DAY, 8)!).toISOString()).toBe('2026-12-31T01:00:00.000Z');
    expect(reminderAt({ openedAt: on('2026-12-28'), dueAt: due }, 7, DAY, 8)).toBeNull();
  });

  it('gathers a digest at the next digest hour on the day grid of due dates (real and compressed days)', () => {
    const anchor = Date.parse(due);
    expect(new Date(nextHourOfDay(Date.parse('2026-12-02T03:00:00.000Z'), anchor, DAY, 8)).toISOString()).toBe(
      '2026-12-03T01:00:00.000Z',
    );
    expect(new Date(nextHourOfDay(Date.parse('2026-12-02T00:30:00.000Z'), anchor, DAY, 8)).toISOString()).toBe(
      '2026-12-02T01:00:00.000Z',
    );
    // Compressed days of 2 s, a quarter ending at t=1000: days begin at 1000 + 2000k, so noon is 2000k.
    expect(nextHourOfDay(10, 1000, 2000, 12)).toBe(2000);
    expect(nextHourOfDay(2000, 1000, 2000, 12)).toBe(2000);
    expect(nextHourOfDay(2001, 1000, 2000, 12)).toBe(4000);
  });
});

describe('templates', () => {
  const facts = {
    kind: 'task-returned' as const,
    fiscalYear: 2570,
    measureCode: 'M01',
    measureTitle: 'เปิดเผยข้อมูล <สาธารณะ>',
    task: { quarter: 1, stepNumber: 2, unitCode: 'HR', unitName: 'ฝ่ายบุคคล', dueAt: due, returnReason: 'แนบหลักฐาน' },
  };
  it('writes Thai first, with the due date as the last day in the Buddhist era, and English for who chose it', () => {
    const th = notificationText('th', { ...facts, kind: 'task-opened' });
    expect(th.title).toBe('งานใหม่: มาตรการ M01 ขั้นตอนที่ 2 ไตรมาสที่ 1 (ฝ่ายบุคคล)');
    expect(th.body).toContain('ภายในวันที่ 31 ธันวาคม 2569');
    expect(notificationText('en', { ...facts, kind: 'task-opened' }).body).toContain('31 December 2026');
    expect(notificationText('th', facts).body).toContain('เหตุผล: แนบหลักฐาน');
  });

  it('escapes every value in the HTML and keeps the link in both bodies', () => {
    const text = notificationText('th', facts);
    const mail = notificationMail(
      'th',
      'สมชาย <ใจดี>',
      { ...text, link: 'http://app/#/tasks/2570/M01/K?a=1&b=2' },
      'http://app/#/s',
    );
    expect(mail.subject).toBe(`[ITA] ${text.title}`);
    expect(mail.html).toContain('&lt;สาธารณะ&gt;');
    expect(mail.html).not.toContain('<สาธารณะ>');
    expect(mail.html).toContain('href="http://app/#/tasks/2570/M01/K?a=1&amp;b=2"');
    expect(mail.text).toContain('http://app/#/tasks/2570/M01/K?a=1&b=2');
    const digest = digestMail(
      'th',
      'สมชาย',
      [
        { ...text, link: 'l1' },
        { ...text, link: 'l2' },
      ],
      's',
    );
    expect(digest.subject).toBe('[ITA] สรุปงานใหม่ประจำวัน 2 รายการ');
  });
});
