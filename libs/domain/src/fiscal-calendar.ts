/**
 * The Thai government fiscal calendar: FY B.E. N runs 1 Oct (N-544 C.E.) to 30 Sep (N-543 C.E.),
 * quarters Q1 Oct–Dec … Q4 Jul–Sep, in Asia/Bangkok (UTC+7 all year, no daylight saving).
 * Pure and deterministic: safe to import from workflow code.
 */

export type Quarter = 1 | 2 | 3 | 4;
export const QUARTERS: readonly Quarter[] = [1, 2, 3, 4];

/** Bangkok is UTC+7 with no daylight saving, so a fixed offset is exact. */
export const BANGKOK_UTC_OFFSET_MS = 7 * 60 * 60 * 1000;
export const BE_OFFSET = 543;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface Period {
  /** First instant of the period (inclusive), as an ISO-8601 UTC string. */
  start: string;
  /** First instant after the period (exclusive), as an ISO-8601 UTC string. */
  end: string;
}

export interface QuarterPeriod extends Period {
  quarter: Quarter;
}

export interface MonthPeriod extends Period {
  /** e.g. "ตุลาคม 2564"; on a compressed calendar "เดือนที่ 1". */
  label: string;
}

/**
 * The whole calendar of one fiscal year, precomputed so workflows receive plain data. `dayMs` is
 * the length of a day on this calendar: a real day, or proportionally less on a compressed one
 * (for demonstrations and tests), so grace periods and escalation intervals scale with it.
 */
export interface FiscalCalendar {
  fiscalYearBE: number;
  start: string;
  end: string;
  quarters: QuarterPeriod[];
  months: MonthPeriod[];
  dayMs: number;
  compressed?: boolean;
}

const THAI_MONTHS = [
  'มกราคม',
  'กุมภาพันธ์',
  'มีนาคม',
  'เมษายน',
  'พฤษภาคม',
  'มิถุนายน',
  'กรกฎาคม',
  'สิงหาคม',
  'กันยายน',
  'ตุลาคม',
  'พฤศจิกายน',
  'ธันวาคม',
];
const THAI_MONTHS_SHORT = [
  'ม.ค.',
  'ก.พ.',
  'มี.ค.',
  'เม.ย.',
  'พ.ค.',
  'มิ.ย.',
  'ก.ค.',
  'ส.ค.',
  'ก.ย.',
  'ต.ค.',
  'พ.ย.',
  'ธ.ค.',
];

export function isQuarter(value: unknown): value is Quarter {
  return value === 1 || value === 2 || value === 3 || value === 4;
}

/** Midnight Bangkok time of a civil date, as a UTC Date. `month` is 1–12. */
export function bangkokMidnight(yearCE: number, month: number, day: number): Date {
  return new Date(Date.UTC(yearCE, month - 1, day) - BANGKOK_UTC_OFFSET_MS);
}

export function fiscalCalendar(fiscalYearBE: number): FiscalCalendar {
  if (!Number.isInteger(fiscalYearBE) || fiscalYearBE < 2500 || fiscalYearBE > 2700) {
    throw new RangeError(`fiscalYear: ${fiscalYearBE} is not a Buddhist-era year between 2500 and 2700`);
  }
  const endYearCE = fiscalYearBE - BE_OFFSET;
  const bounds = [
    bangkokMidnight(endYearCE - 1, 10, 1),
    bangkokMidnight(endYearCE, 1, 1),
    bangkokMidnight(endYearCE, 4, 1),
    bangkokMidnight(endYearCE, 7, 1),
    bangkokMidnight(endYearCE, 10, 1),
  ].map((d) => d.toISOString());
  const months = Array.from({ length: 12 }, (_, i) => {
    const month = ((9 + i) % 12) + 1;
    const yearCE = month >= 10 ? endYearCE - 1 : endYearCE;
    const next = bangkokMidnight(month === 12 ? yearCE + 1 : yearCE, (month % 12) + 1, 1);
    return {
      start: bangkokMidnight(yearCE, month, 1).toISOString(),
      end: next.toISOString(),
      label: `${THAI_MONTHS[month - 1]} ${yearCE + BE_OFFSET}`,
    };
  });
  return {
    fiscalYearBE,
    start: bounds[0],
    end: bounds[4],
    quarters: QUARTERS.map((quarter) => ({ quarter, start: bounds[quarter - 1], end: bounds[quarter] })),
    months,
    dayMs: DAY_MS,
  };
}

/**
 * A fiscal year squeezed into `quarterMs` per quarter from `startsAt`, for demonstrations and
 * tests: months are thirds of quarters and a day is a 91st of a quarter.
 */
export function compressedFiscalCalendar(fiscalYearBE: number, startsAt: Date, quarterMs: number): FiscalCalendar {
  const t0 = startsAt.getTime();
  const at = (quarters: number) => new Date(t0 + Math.round(quarters * quarterMs)).toISOString();
  return {
    fiscalYearBE,
    start: at(0),
    end: at(4),
    quarters: QUARTERS.map((quarter) => ({ quarter, start: at(quarter - 1), end: at(quarter) })),
    months: Array.from({ length: 12 }, (_, i) => ({ start: at(i / 3), end: at((i + 1) / 3), label: `เดือนที่ ${i + 1}` })),
    dayMs: quarterMs / 91,
    compressed: true,
  };
}

/** The fiscal year (B.E.) that contains an instant, judged on the Bangkok calendar. */
export function fiscalYearOf(instant: Date): number {
  const local = new Date(instant.getTime() + BANGKOK_UTC_OFFSET_MS);
  const yearCE = local.getUTCFullYear();
  return (local.getUTCMonth() >= 9 ? yearCE + 1 : yearCE) + BE_OFFSET;
}

export function quarterOf(instant: Date): Quarter {
  const month = new Date(instant.getTime() + BANGKOK_UTC_OFFSET_MS).getUTCMonth();
  return (((Math.floor(month / 3) + 1) % 4) + 1) as Quarter;
}

export function addDays(isoInstant: string, days: number): string {
  return new Date(Date.parse(isoInstant) + days * DAY_MS).toISOString();
}

/** "1 ตุลาคม 2564" (long) or "1 ต.ค. 64" (short): Bangkok civil date, Buddhist era. */
export function formatThaiDate(instant: Date | string, style: 'long' | 'short' = 'long'): string {
  const local = new Date(new Date(instant).getTime() + BANGKOK_UTC_OFFSET_MS);
  const day = local.getUTCDate();
  const month = local.getUTCMonth();
  const yearBE = local.getUTCFullYear() + BE_OFFSET;
  return style === 'long'
    ? `${day} ${THAI_MONTHS[month]} ${yearBE}`
    : `${day} ${THAI_MONTHS_SHORT[month]} ${String(yearBE).slice(-2)}`;
}

/**
 * A due instant as people are told it: due instants are the end of a period (exclusive, Bangkok
 * midnight), so the day shown is the last day there is to do it: 31 ธันวาคม 2569, not 1 มกราคม 2570.
 */
export function formatThaiDueDate(instant: Date | string, style: 'long' | 'short' = 'long'): string {
  return formatThaiDate(lastMomentBefore(instant), style);
}

/** The same last day, as a Bangkok calendar date YYYY-MM-DD (an all-day event in a calendar feed). */
export function dueDay(instant: Date | string): string {
  return new Date(lastMomentBefore(instant).getTime() + BANGKOK_UTC_OFFSET_MS).toISOString().slice(0, 10);
}

/** Due instants are exclusive: the last moment there is to do it is the millisecond before. */
const lastMomentBefore = (instant: Date | string) => new Date(new Date(instant).getTime() - 1);

/** "ไตรมาสที่ 1 ปีงบประมาณ พ.ศ. 2565" */
export function formatQuarterLabel(fiscalYearBE: number, quarter: Quarter): string {
  return `ไตรมาสที่ ${quarter} ปีงบประมาณ พ.ศ. ${fiscalYearBE}`;
}
