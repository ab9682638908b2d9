import {
  addDays, fiscalCalendar, fiscalYearOf, formatQuarterLabel, formatThaiDate, quarterOf,
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

  it('adds whole days to an instant (Bangkok has no daylight saving)', () => {
    expect(addDays('2022-03-31T17:00:00.000Z', 15)).toBe('2022-04-15T17:00:00.000Z');
  });
});
