/** The reporting periods of each cadence within a fiscal calendar, with Thai labels. */
import type { FiscalCalendar } from '../fiscal-calendar';
import type { Cadence } from '../plan/plan.types';

export interface ReportingPeriod {
  index: number;
  start: string;
  end: string;
  label: string;
}

export function reportingPeriods(calendar: FiscalCalendar, cadence: Cadence): ReportingPeriod[] {
  const [q1, q2, q3, q4] = calendar.quarters;
  switch (cadence) {
    case 'semiannual':
      return [
        {
          index: 1,
          start: q1.start,
          end: q2.end,
          label: `รอบ 6 เดือนแรก (ไตรมาสที่ 1–2) ปีงบประมาณ พ.ศ. ${calendar.fiscalYearBE}`,
        },
        {
          index: 2,
          start: q3.start,
          end: q4.end,
          label: `รอบ 6 เดือนหลัง (ไตรมาสที่ 3–4) ปีงบประมาณ พ.ศ. ${calendar.fiscalYearBE}`,
        },
      ];
    case 'yearly':
      return [
        { index: 1, start: calendar.start, end: calendar.end, label: `ประจำปีงบประมาณ พ.ศ. ${calendar.fiscalYearBE}` },
      ];
    case 'monthly':
      return calendar.months.map((m, i) => ({
        index: i + 1,
        start: m.start,
        end: m.end,
        label: `ประจำเดือน${m.label}`,
      }));
  }
}

export function reportKey(cadence: Cadence, index: number): string {
  return `${cadence}-${index}`;
}
