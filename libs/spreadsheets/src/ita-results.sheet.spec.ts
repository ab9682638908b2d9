import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ExcelJS from 'exceljs';
import type { ItaResultsDef, PlanDef } from '@ita/domain/plan/plan.types';
import { ITA_SHEETS, itaResultsTemplate, parseItaResultsSheet, writeItaResultsSheet } from './ita-results.sheet';

const SEED = path.resolve(__dirname, '../../../data/plans/tceb-fy2565.plan.json');
const seedIta = (): ItaResultsDef => (JSON.parse(fs.readFileSync(SEED, 'utf8')) as PlanDef).ita!;

/** Opens a written workbook, lets the test change cells, and writes it again. */
async function edit(buffer: Buffer, change: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  change(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const cell = (wb: ExcelJS.Workbook, sheet: string, address: string) => wb.getWorksheet(sheet)!.getCell(address);

describe(parseItaResultsSheet.name, () => {
  it('reads back the seed’s ITA results unchanged (write → parse → deep-equal)', async () => {
    const ita = seedIta();
    const sut = await parseItaResultsSheet(await writeItaResultsSheet(ita));
    expect(sut).toEqual({ ok: true, ita });
    // Not just equal under toEqual's leniency: no undefined members where the plan file has none.
    expect(JSON.stringify(sut.ok && sut.ita)).toBe(JSON.stringify(ita));
  });

  it('names the sheet, row and column of a broken score, and returns nothing else', async () => {
    const broken = await edit(await writeItaResultsSheet(seedIta()), (wb) => {
      cell(wb, ITA_SHEETS.items.name, 'C5').value = 'abc';
    });
    expect(await parseItaResultsSheet(broken)).toEqual({
      ok: false,
      problems: [{ sheet: ITA_SHEETS.items.name, row: 5, column: 'C', message: '"abc" is not a number' }],
    });
  });

  it('lists every problem at once, the validator’s rules traced back to their cells', async () => {
    const broken = await edit(await writeItaResultsSheet(seedIta()), (wb) => {
      cell(wb, ITA_SHEETS.assessment.name, 'A3').value = 2021; // a Christian-era year
      cell(wb, ITA_SHEETS.indicators.name, 'B4').value = 'ITAS';
      cell(wb, ITA_SHEETS.indicators.name, 'C5').value = null; // previous year's score gone, its grade given
      cell(wb, ITA_SHEETS.indicators.name, 'D5').value = 'A';
      cell(wb, ITA_SHEETS.items.name, 'A4').value = '12'; // OCR's "I2"
      cell(wb, ITA_SHEETS.items.name, 'D6').value = 'AAA';
      cell(wb, ITA_SHEETS.items.name, 'C7').value = 101;
      cell(wb, ITA_SHEETS.items.name, 'A11').value = 'I1'; // a second I1, over I9
      cell(wb, ITA_SHEETS.items.name, 'E9').value = null; // question left blank
      cell(wb, ITA_SHEETS.subItems.name, 'A4').value = 'I99'; // I1's second sub-item
      cell(wb, ITA_SHEETS.subItems.name, 'B5').value = 3; // I3's first sub-item numbered 3
    });
    const sut = await parseItaResultsSheet(broken);
    expect(sut.ok).toBe(false);
    expect(!sut.ok && sut.problems.map((p) => `${p.sheet}!${p.column}${p.row}: ${p.message}`)).toEqual([
      `${ITA_SHEETS.assessment.name}!A3: 2021 is not a Buddhist-era year (2500–2700)`,
      `${ITA_SHEETS.indicators.name}!B4: "ITAS" is not one of IIT, EIT, OIT`,
      `${ITA_SHEETS.indicators.name}!C5: is required when a grade is given`,
      `${ITA_SHEETS.items.name}!A4: "12" is not an ITA item code (I1–I30 or E1–E15)`,
      `${ITA_SHEETS.items.name}!D6: "AAA" is not one of AA, A, B, C, D, E, F`,
      `${ITA_SHEETS.items.name}!C7: 101 is not a score 0.00–100.00 (at most two decimals)`,
      `${ITA_SHEETS.items.name}!E9: is required`,
      `${ITA_SHEETS.items.name}!A11: duplicates item "I1"`,
      `${ITA_SHEETS.subItems.name}!A4: "I99" is not an item on sheet ${ITA_SHEETS.items.name}`,
      `${ITA_SHEETS.subItems.name}!B5: is 3 but I3's sub-items must be numbered 1..n in order (expected 1)`,
    ]);
  });

  it('reads an agency’s own entries: Thai digits, numbers typed as text, blank rows, lower-case grades', async () => {
    const filled = await edit(await itaResultsTemplate(), (wb) => {
      const a = wb.getWorksheet(ITA_SHEETS.assessment.name)!;
      a.getRow(3).values = ['๒๕๖๘', 90.5, 'a', '92.25', 'aa'];
      const ind = wb.getWorksheet(ITA_SHEETS.indicators.name)!;
      ind.getRow(3).values = [1, 'iit', null, null, 91.1, null, 'การปฏิบัติหน้าที่'];
      const items = wb.getWorksheet(ITA_SHEETS.items.name)!;
      items.getRow(3).values = ['i1', 1, '89.5', 'A', 'การปฏิบัติงาน'];
      items.getRow(5).values = ['I2', 1, null, null, 'ข้อที่ยังไม่มีคะแนน']; // row 4 left blank
      const subs = wb.getWorksheet(ITA_SHEETS.subItems.name)!;
      subs.getRow(3).values = ['I1', 1, 92.10999999999999, 'A', 'เป็นไปตามขั้นตอน'];
    });
    expect(await parseItaResultsSheet(filled)).toEqual({
      ok: true,
      ita: {
        assessmentYear: 2568,
        overall: [
          { year: 2567, score: 90.5, grade: 'A' },
          { year: 2568, score: 92.25, grade: 'AA' },
        ],
        indicators: [{ number: 1, name: 'การปฏิบัติหน้าที่', tool: 'IIT', scores: [{ year: 2568, score: 91.1 }] }],
        items: [
          {
            code: 'I1',
            indicator: 1,
            text: 'การปฏิบัติงาน',
            score: 89.5,
            grade: 'A',
            subItems: [{ text: 'เป็นไปตามขั้นตอน', score: 92.11, grade: 'A' }],
          },
          { code: 'I2', indicator: 1, text: 'ข้อที่ยังไม่มีคะแนน' },
        ],
      },
    });
  });

  it('reports a previous year out of range at the assessment year it follows from', async () => {
    const filled = await edit(await itaResultsTemplate(), (wb) => {
      wb.getWorksheet(ITA_SHEETS.assessment.name)!.getRow(3).values = [2500, 90, 'A'];
    });
    expect(await parseItaResultsSheet(filled)).toEqual({
      ok: false,
      problems: [
        {
          sheet: ITA_SHEETS.assessment.name,
          row: 3,
          column: 'A',
          message: 'gives a previous year that is wrong: 2499 is not a Buddhist-era year (2500–2700)',
        },
      ],
    });
  });

  it('finds a sheet renamed to its English part, and refuses moved columns and cells right of the layout', async () => {
    const renamed = await edit(await writeItaResultsSheet(seedIta()), (wb) => {
      wb.getWorksheet(ITA_SHEETS.items.name)!.name = 'Items';
    });
    expect(await parseItaResultsSheet(renamed)).toEqual({ ok: true, ita: seedIta() });

    const moved = await edit(await writeItaResultsSheet(seedIta()), (wb) => {
      cell(wb, ITA_SHEETS.items.name, 'C2').value = 'Grade';
      cell(wb, ITA_SHEETS.items.name, 'C5').value = 'abc'; // not read: the layout is wrong
    });
    expect(await parseItaResultsSheet(moved)).toEqual({
      ok: false,
      problems: [
        {
          sheet: ITA_SHEETS.items.name,
          row: 2,
          column: 'C',
          message: 'the header should be "Score", found "Grade": keep the template\'s columns where they are',
        },
      ],
    });

    const remark = await edit(await writeItaResultsSheet(seedIta()), (wb) => {
      cell(wb, ITA_SHEETS.subItems.name, 'F4').value = 'ตรวจแล้ว';
    });
    expect(await parseItaResultsSheet(remark)).toEqual({
      ok: false,
      problems: [
        {
          sheet: ITA_SHEETS.subItems.name,
          row: 4,
          column: 'F',
          message: 'is outside the layout: its content would not be read',
        },
      ],
    });
  });

  it('rejects the empty template, a workbook without its sheets, and a file that is not a workbook', async () => {
    const empty = await parseItaResultsSheet(await itaResultsTemplate());
    expect(empty).toEqual({
      ok: false,
      problems: [
        { sheet: ITA_SHEETS.assessment.name, row: 3, column: 'A', message: 'is required: the assessment year' },
      ],
    });

    const other = new ExcelJS.Workbook();
    other.addWorksheet('Sheet1');
    const missing = await parseItaResultsSheet(Buffer.from(await other.xlsx.writeBuffer()));
    expect(!missing.ok && missing.problems.map((p) => [p.sheet, p.row, p.column])).toEqual([
      [ITA_SHEETS.assessment.name, 0, ''],
      [ITA_SHEETS.indicators.name, 0, ''],
      [ITA_SHEETS.items.name, 0, ''],
      [ITA_SHEETS.subItems.name, 0, ''],
    ]);
    expect(!missing.ok && missing.problems[0].message).toMatch(/is missing.*found: "Sheet1"/);

    const notXlsx = await parseItaResultsSheet(Buffer.from('ลำดับ,ตัวชี้วัด\n1,การปฏิบัติหน้าที่\n'));
    expect(notXlsx).toMatchObject({ ok: false, problems: [{ sheet: '(file)', row: 0, column: '' }] });
  });
});

describe(itaResultsTemplate.name, () => {
  it('has the instructions and one sheet per part, Thai headers over English ones', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await itaResultsTemplate()) as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      ITA_SHEETS.instructions,
      ITA_SHEETS.assessment.name,
      ITA_SHEETS.indicators.name,
      ITA_SHEETS.items.name,
      ITA_SHEETS.subItems.name,
    ]);
    const items = wb.getWorksheet(ITA_SHEETS.items.name)!;
    expect([1, 2].map((r) => items.getRow(r).getCell(3).value)).toEqual(['คะแนน', 'Score']);
    expect(items.getCell('D3').dataValidation).toMatchObject({ type: 'list', formulae: ['"AA,A,B,C,D,E,F"'] });
  });
});

describe(writeItaResultsSheet.name, () => {
  it('names the years in a written sheet’s headers', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await writeItaResultsSheet(seedIta())) as unknown as ExcelJS.Buffer);
    const ind = wb.getWorksheet(ITA_SHEETS.indicators.name)!;
    expect(['C1', 'E1', 'C2'].map((a) => ind.getCell(a).value)).toEqual([
      'คะแนน ปีก่อนหน้า (2563)',
      'คะแนน ปีที่ประเมิน (2564)',
      'Score, previous year (2563)',
    ]);
  });

  it('refuses scores of a year the layout has no column for', async () => {
    const ita = seedIta();
    ita.indicators[0].scores.push({ year: 2562, score: 90 });
    await expect(writeItaResultsSheet(ita)).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      problems: [{ path: 'ita.indicators[0].scores[2].year', message: '2562 is neither 2564 nor 2563' }],
    });
  });
});
