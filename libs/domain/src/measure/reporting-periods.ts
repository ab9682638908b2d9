/**
 * The reporting periods of each cadence within a fiscal calendar, with Thai labels; a measure's
 * reporting lines (several of one cadence are allowed) and the keys of their reports.
 */
import type { FiscalCalendar } from '../fiscal-calendar';
import type { Cadence, MeasureDef, ReportingDef } from '../plan/plan.types';

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

/**
 * A report's key: `semiannual-1` for period 1 of the first line of its cadence (as every report
 * was keyed before a cadence could have two lines); a later line is numbered: `semiannual.2-1`.
 */
export function reportKey(cadence: Cadence, index: number, line = 1): string {
  return line > 1 ? `${cadence}.${line}-${index}` : `${cadence}-${index}`;
}

/** The plan's reporting entries, each with its line: 1 for the first of its cadence, 2 for the next… */
export function reportingLines(measure: MeasureDef): Array<{ def: ReportingDef; line: number }> {
  return measure.reporting.map((def, i) => ({
    def,
    line: measure.reporting.slice(0, i).filter((r) => r.cadence === def.cadence).length + 1,
  }));
}

/** The plan's entry for a line in force; none for a cadence an amendment added. */
export function lineDef(measure: MeasureDef, cadence: Cadence, line = 1): ReportingDef | undefined {
  return reportingLines(measure).find((l) => l.def.cadence === cadence && l.line === line)?.def;
}
