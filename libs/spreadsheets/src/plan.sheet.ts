/**
 * A plan as an Excel workbook, and back: Thai agencies write these plans as tables, so a planner
 * can export a plan, edit it in Excel, and import it again. The round trip keeps every field (the
 * content hash is unchanged); an edited workbook passes the same validator as a JSON plan file,
 * and each problem is reported at its cell. The layout is in docs/plan-file-format.md.
 */
export { writePlanWorkbook } from './plan-sheet.writer';
export { readPlanWorkbook } from './plan-sheet.reader';
export type { PlanWorkbookRead } from './plan-sheet.reader';
export type { SheetProblem } from './sheet-cells';
