import * as ical from 'node-ical';
import {
  calendarDocument,
  calendarTag,
  clientHas,
  FeedReport,
  FeedTask,
  reportEvent,
  taskEvent,
  webPages,
} from './calendar-ics';

const pages = webPages('https://ita.example.go.th/');
const task: FeedTask = {
  workflowId: 'measure/TCEB/2570/M01-I7',
  fiscalYear: 2570,
  measureCode: 'M01-I7',
  taskKey: 'Q1-S1-PLAN_BUDGET',
  quarter: 1,
  stepNumber: 1,
  unitCode: 'PLAN_BUDGET',
  status: 'open',
  overdue: false,
  // The end of Q1 FY2570: 1 January 2027 00:00 Bangkok.
  dueAt: '2026-12-31T17:00:00.000Z',
};
const report: FeedReport = {
  workflowId: 'measure/TCEB/2570/M01-I7',
  fiscalYear: 2570,
  measureCode: 'M01-I7',
  reportKey: 'semiannual-1',
  periodLabel: 'รอบ 6 เดือนแรก (ไตรมาสที่ 1–2) ปีงบประมาณ พ.ศ. 2570',
  units: ['PLAN_BUDGET'],
  status: 'submitted',
  overdue: true,
  dueAt: '2027-04-15T17:00:00.000Z',
};

describe(calendarDocument.name, () => {
  it('writes all-day events on the last day before the due instant in Bangkok, in Thai, that a parser reads back', () => {
    const events = [taskEvent(task, 'จัดทำแผนการใช้จ่ายงบประมาณ, และเผยแพร่; ทุกไตรมาส', pages), reportEvent(report, pages)];
    const sut = calendarDocument('งานตามมาตรการ ITA: ทดสอบ (TCEB)', events);
    expect(sut).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(sut).toContain('\r\nMETHOD:PUBLISH\r\n');
    expect(sut).toContain('\r\nX-WR-TIMEZONE:Asia/Bangkok\r\n');

    const parsed = ical.sync.parseICS(sut);
    expect(parsed.vcalendar).toMatchObject({
      'WR-CALNAME': 'งานตามมาตรการ ITA: ทดสอบ (TCEB)',
      'WR-TIMEZONE': 'Asia/Bangkok',
    });
    const byUid = Object.values(parsed).filter((c): c is ical.VEvent => c?.type === 'VEVENT');
    const t = byUid.find((e) => e.uid === 'task-measure-TCEB-2570-M01-I7-Q1-S1-PLAN_BUDGET@ita')!;
    expect(t.summary).toBe('ครบกำหนด: มาตรการ M01-I7 ขั้นตอนที่ 1 (ไตรมาสที่ 1)');
    expect(t.datetype).toBe('date');
    expect(localDay(t.start)).toBe('2026-12-31');
    expect(localDay(t.end!)).toBe('2027-01-01');
    expect(t.description).toContain('ขั้นตอนที่ 1: จัดทำแผนการใช้จ่ายงบประมาณ, และเผยแพร่; ทุกไตรมาส');
    expect(t.description).toContain('วันสุดท้าย: 31 ธันวาคม 2569');
    expect(t.url).toBe('https://ita.example.go.th/#/tasks/2570/M01-I7/Q1-S1-PLAN_BUDGET');
    const r = byUid.find((e) => e.uid === 'report-measure-TCEB-2570-M01-I7-semiannual-1@ita')!;
    expect(r.summary).toBe(`รอพิจารณารายงาน: มาตรการ M01-I7 ${report.periodLabel}`);
    expect(localDay(r.start)).toBe('2027-04-15');
    expect(r.description).toContain('สถานะ: รอพิจารณา (เลยกำหนด)');
    expect(r.url).toBe('https://ita.example.go.th/#/measures/2570/M01-I7');
  });

  it('writes a calendar with no events, still named and in Bangkok', () => {
    const parsed = ical.sync.parseICS(calendarDocument('ว่าง', []));
    expect(Object.values(parsed).filter((c) => c?.type === 'VEVENT')).toEqual([]);
    expect(parsed.vcalendar).toMatchObject({ 'WR-CALNAME': 'ว่าง', 'WR-TIMEZONE': 'Asia/Bangkok' });
  });
});

describe(calendarTag.name, () => {
  it('changes with what the calendar says, and a client holding it is told so (weak comparison)', () => {
    const one = calendarTag('x', [taskEvent(task, null, pages)]);
    expect(calendarTag('x', [taskEvent(task, null, pages)])).toBe(one);
    expect(calendarTag('x', [taskEvent({ ...task, status: 'returned' }, null, pages)])).not.toBe(one);
    expect(one).toMatch(/^W\/"[A-Za-z0-9_-]{32}"$/);
    expect(clientHas(one, one)).toBe(true);
    expect(clientHas(`"other", ${one.slice(2)}`, one)).toBe(true);
    expect(clientHas('*', one)).toBe(true);
    expect(clientHas('W/"other"', one)).toBe(false);
    expect(clientHas(undefined, one)).toBe(false);
  });
});

/** An all-day date as node-ical gives it: midnight of that day in this process's time zone. */
function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
