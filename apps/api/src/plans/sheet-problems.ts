/**
 * Spreadsheet problems in the API's error envelope: each problem's path is its cell as Excel
 * names it (`ITA ข้อคำถาม (Items)!C5`), or the sheet alone when the problem is the whole sheet.
 */
import { DomainError, DomainErrorCode, FieldProblem } from '@ita/domain/domain-error';
import type { SheetProblem } from '@ita/spreadsheets/plan.sheet';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** An .xlsx body: sent as one, or a zip archive (what an .xlsx is) sent as anything. */
export function isWorkbook(bytes: Uint8Array, contentType: string | undefined): boolean {
  if (contentType?.split(';')[0].trim().toLowerCase() === XLSX_TYPE) return true;
  return ZIP_MAGIC.every((b, i) => bytes[i] === b);
}

export function cellProblems(problems: SheetProblem[]): FieldProblem[] {
  return problems.map((p) => ({ path: p.row > 0 ? `${p.sheet}!${p.column}${p.row}` : p.sheet, message: p.message }));
}

/** A 422 listing every problem of the workbook at its cell: nothing was imported. */
export function workbookInvalid(what: string, problems: SheetProblem[]): DomainError {
  return new DomainError(
    DomainErrorCode.PlanInvalid,
    `${what} has ${problems.length} problem(s); nothing was imported`,
    cellProblems(problems),
  );
}
