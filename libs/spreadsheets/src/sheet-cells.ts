/**
 * Cell values in and out of exceljs, and where in a workbook each field of the plan came from.
 * The reader keeps what a planner typed as it is (a step number "x" stays "x"), so that the plan
 * validator, the one place the plan's rules live, judges it; the locations then turn the
 * validator's JSON paths back into sheet, row and column.
 */
import type { CellValue } from 'exceljs';
import { columnLetter, EMPTY_LIST } from './plan-sheet.layout';

export interface SheetProblem {
  sheet: string;
  /** 1-based, as Excel shows it; 0 for the file as a whole. */
  row: number;
  /** The column letter, "" for the file as a whole. */
  column: string;
  message: string;
}

/** A cell's content: what it shows, without styles, formulas or links. */
export type Raw = string | number | boolean | undefined;

export function rawValue(value: CellValue): Raw {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value.toISOString();
  if ('richText' in value) return rawValue(value.richText.map((run) => run.text).join(''));
  if ('formula' in value || 'sharedFormula' in value) return rawValue((value.result ?? null) as CellValue);
  if ('hyperlink' in value) return rawValue(value.text as CellValue);
  if ('error' in value) return value.error;
  return undefined;
}

export function asText(raw: Raw): string | undefined {
  return raw === undefined ? undefined : String(raw);
}

/** A number, or what was typed when it is not one (so the validator can say what it got). */
export function asNumber(raw: Raw): number | string | boolean | undefined {
  if (typeof raw !== 'string') return raw;
  const trimmed = raw.trim();
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : raw;
}

/** Codes separated by commas, semicolons, spaces or line breaks; "-" is an empty list. */
export function asList(raw: Raw): string[] | undefined {
  const text = asText(raw);
  if (text === undefined) return undefined;
  if (text.trim() === EMPTY_LIST || text.trim() === '—') return [];
  return text.split(/[\s,;]+/).filter((token) => token !== '');
}

export function asNumberList(raw: Raw): Array<number | string> | undefined {
  return asList(raw)?.map((token) => asNumber(token) as number | string);
}

export function listText(values: ReadonlyArray<string | number>): string {
  return values.length ? values.join(', ') : EMPTY_LIST;
}

/**
 * Text as a cell stores it. Excel writes a carriage return as "_x000D_", and exceljs reads any
 * "_xHHHH_" back as that character; escaping a literal "_x" first keeps such text as it was.
 */
export function cellText(text: string): string {
  return text.replace(/_x([0-9A-F]{4})_/g, '_x005F_x$1_').replace(/\r/g, '_x000D_');
}

interface Location {
  sheet: string;
  row: number;
  column: number;
  /** For a field with no cell (a missing row), how to add it. */
  hint?: string;
}

/** JSON path → the cell it was read from; a path without a cell falls back to its nearest parent's. */
export class Locations {
  private readonly cells = new Map<string, Location>();

  set(path: string, sheet: string, row: number, column: number, hint?: string): void {
    this.cells.set(path, { sheet, row, column, hint });
  }

  problem(path: string, message: string): SheetProblem {
    for (let p = path; ; p = parentPath(p)) {
      const at = this.cells.get(p);
      if (at) {
        const hint = at.hint && p === path ? ` (${at.hint})` : '';
        return { sheet: at.sheet, row: at.row, column: columnLetter(at.column), message: `${message}${hint}` };
      }
      if (p === '') return { sheet: '(workbook)', row: 0, column: '', message };
    }
  }
}

function parentPath(path: string): string {
  const cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
  return cut > 0 ? path.slice(0, cut) : '';
}
