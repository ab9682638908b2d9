import {
  addDays,
  compressedFiscalCalendar,
  dueDay,
  fiscalCalendar,
  fiscalYearOf,
  formatQuarterLabel,
  formatThaiDate,
  formatThaiDueDate,
  quarterOf,
} from './fiscal-calendar';

describe('fiscal calendar', () => {
  it('runs FY 2565 from 1 Oct 2021 to 30 Sep 2022, Bangkok midnight (17:00 UTC the day before)', () => {
    const sut = fiscalCalendar(2565);
    expect(sut.start).toBe('2021-09-30T17:00:00.000Z');
    expect(sut.end).toBe('2022-09-30T17:00:00.000Z');
    expect(sut.quarters.map((q) => [q.quarter, q.start, q.end])).toEqual([
      [1, '2021-09-30T17:00:00.000Z', '2021-12-31T17:00:00.000Z'],
      [2, '2021-12-31T17:00:00.000Z', '2022-03-31T17:00:00.000Z'],
      [3, '2022-03-31T17:00:00.000Z', '2022-06-30T17:00:00.000Z'],
      [4, '2022-06-30T17:00:00.000Z', '2022-09-30T17:00:00.000Z'],
    ]);
  });

  it('splits FY 2565 into its twelve Bangkok months, October 2564 to September 2565', () => {
    const { months, dayMs } = fiscalCalendar(2565);
    expect(months).toHaveLength(12);
    expect(months[0]).toEqual({
      start: '2021-09-30T17:00:00.000Z',
      end: '2021-10-31T17:00:00.000Z',
      label: 'ตุลาคม 2564',
    });
    expect(months[3]).toEqual({
      start: '2021-12-31T17:00:00.000Z',
      end: '2022-01-31T17:00:00.000Z',
      label: 'มกราคม 2565',
    });
    expect(months[11].end).toBe('2022-09-30T17:00:00.000Z');
    expect(dayMs).toBe(86_400_000);
  });

  it('compresses a fiscal year for demonstrations: quarters of a given length, days scaled to match', () => {
    const sut = compressedFiscalCalendar(2565, new Date('2030-01-01T00:00:00.000Z'), 91_000);
    expect(sut.quarters[1]).toEqual({ quarter: 2, start: '2030-01-01T00:01:31.000Z', end: '2030-01-01T00:03:02.000Z' });
    expect(sut.months[1]).toMatchObject({ start: '2030-01-01T00:00:30.333Z', label: 'เดือนที่ 2' });
    expect(sut.dayMs).toBe(1000);
  });

  it('rejects a Christian-era year, naming the field', () => {
    expect(() => fiscalCalendar(2022)).toThrow(/fiscalYear: 2022 is not a Buddhist-era year/);
  });

  it.each([
    ['2021-09-30T16:59:59.999Z', 2564, 4],
    ['2021-09-30T17:00:00.000Z', 2565, 1],
    ['2021-12-31T17:00:00.000Z', 2565, 2],
    ['2022-04-01T00:00:00.000Z', 2565, 3],
    ['2022-09-30T16:59:59.000Z', 2565, 4],
  ])('places %s in FY %i Q%i (Bangkok time decides)', (instant, fy, quarter) => {
    expect(fiscalYearOf(new Date(instant))).toBe(fy);
    expect(quarterOf(new Date(instant))).toBe(quarter);
  });

  it('formats dates in Thai with the Buddhist era, on the Bangkok calendar', () => {
    expect(formatThaiDate('2021-09-30T17:00:00.000Z')).toBe('1 ตุลาคม 2564');
    expect(formatThaiDate('2022-04-15T03:00:00.000Z', 'short')).toBe('15 เม.ย. 65');
    expect(formatQuarterLabel(2565, 2)).toBe('ไตรมาสที่ 2 ปีงบประมาณ พ.ศ. 2565');
  });

  it('tells a due instant (the exclusive end of a period) as the last day there is to do it, in Bangkok', () => {
    // Due 1 January 2027 00:00 Bangkok: the last day is 31 December 2026 (2569 B.E.).
    expect(dueDay('2026-12-31T17:00:00.000Z')).toBe('2026-12-31');
    expect(formatThaiDueDate('2026-12-31T17:00:00.000Z')).toBe('31 ธันวาคม 2569');
    // A compressed calendar's due instant in the middle of a Bangkok day: that day.
    expect(dueDay('2026-12-02T10:00:00.000Z')).toBe('2026-12-02');
    expect(dueDay('2026-12-02T16:59:59.999Z')).toBe('2026-12-02');
    expect(dueDay('2026-12-02T17:00:00.001Z')).toBe('2026-12-03');
  });

  it('adds whole days to an instant (Bangkok has no daylight saving)', () => {
    expect(addDays('2022-03-31T17:00:00.000Z', 15)).toBe('2022-04-15T17:00:00.000Z');
  });
});
