import * as fs from 'node:fs';
import * as path from 'node:path';
import { parsePlanFile, validatePlan } from './plan.validator';

const SEED = path.resolve(__dirname, '../../../../data/plans/tceb-fy2565.plan.json');
const SMALL = path.resolve(__dirname, '../../../../test/fixtures/small.plan.json');
const load = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8'));
const problemsOf = (data: unknown) => {
  const result = validatePlan(data);
  return result.ok ? [] : result.problems.map((p) => `${p.path}: ${p.message}`);
};

describe('plan validator', () => {
  it('accepts the seed plan: 11 measures and the flagged fragment, 45 ITA items', () => {
    const result = parsePlanFile(fs.readFileSync(SEED));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.plan.measures).toHaveLength(12);
    expect(result.plan.measures.filter((m) => m.incomplete).map((m) => m.code)).toEqual(['FRAG-E3-E7-E9']);
    expect(result.plan.measures.filter((m) => !m.incomplete).map((m) => m.items.map((i) => i.code).join('+'))).toEqual([
      'I7',
      'I14',
      'I1+I2',
      'I3',
      'I8+I12',
      'I11',
      'I13',
      'I24',
      'E11+E12+E14',
      'E1+E2',
      'E15',
    ]);
    expect(result.plan.ita?.items).toHaveLength(45);
    expect(result.plan.ita?.indicators).toHaveLength(10);
  });

  it('lists every problem of a file at once, each with its path', () => {
    const plan = load(SMALL);
    plan.measures[0].steps[0].quarters = [1, 5];
    plan.measures[0].responsibleUnits = ['PLAN_BUDGET', 'FINANCE'];
    delete plan.measures[1].title;
    plan.measures[1].code = plan.measures[0].code;
    expect(problemsOf(plan)).toEqual([
      'measures[0].steps[0].quarters[1]: 5 is not a quarter 1–4',
      'measures[0].responsibleUnits[1]: "FINANCE" is not a unit declared in "units" (or "ALL")',
      'measures[1].title: is required',
      'measures[1].code: duplicates measure code "M01-I7"',
    ]);
  });

  it.each([
    [
      'steps out of order',
      (p: any) => {
        p.measures[0].steps[1].number = 3;
      },
      'measures[0].steps[1].number: is 3 but steps must be numbered 1..n in order (expected 2)',
    ],
    [
      'descending quarters',
      (p: any) => {
        p.measures[0].steps[0].quarters = [3, 2];
      },
      'measures[0].steps[0].quarters[1]: quarter 2 must come after quarter 3 (ascending, no repeats)',
    ],
    [
      'unknown cadence',
      (p: any) => {
        p.measures[0].reporting[0].cadence = 'weekly';
      },
      'measures[0].reporting[0].cadence: "weekly" is not one of semiannual, yearly, monthly',
    ],
    [
      'bad item code (OCR "17")',
      (p: any) => {
        p.measures[0].items[0].code = '17';
      },
      'measures[0].items[0].code: "17" is not an ITA item code (I1–I30 or E1–E15)',
    ],
    [
      'score above 100',
      (p: any) => {
        p.measures[0].items[0].score = 181.8;
      },
      'measures[0].items[0].score: 181.8 is not a score 0.00–100.00 (at most two decimals)',
    ],
    [
      'Christian-era fiscal year',
      (p: any) => {
        p.fiscalYear = 2022;
      },
      'fiscalYear: 2022 is not a Buddhist-era year, e.g. 2565 (2500–2700)',
    ],
    [
      'reserved unit code',
      (p: any) => {
        p.units[2].code = 'ALL';
      },
      'units[2].code: "ALL" is reserved for every unit of the organization',
    ],
    [
      'guideline for a missing step',
      (p: any) => {
        p.measures[1].monitoringGuidelines[0].steps = [1, 9];
      },
      'measures[1].monitoringGuidelines[0].steps[1]: 9 is not a step of this measure',
    ],
    [
      'no measures',
      (p: any) => {
        p.measures = [];
      },
      'measures: must have at least 1 entry',
    ],
    [
      'a step list too large to store',
      (p: any) => {
        p.measures[0].steps = Array.from({ length: 40 }, (_, i) => ({
          number: i + 1,
          text: 'ก'.repeat(600),
          quarters: [1],
        }));
      },
      'measures[0].steps: is 73552 bytes as stored; at most 60000 (split it up)',
    ],
    [
      'a negative grace period',
      (p: any) => {
        p.organization.settings = { reportGraceDays: -1 };
      },
      'organization.settings.reportGraceDays: -1 is not a number of days (0–365)',
    ],
    [
      'an unknown cadence to escalate',
      (p: any) => {
        p.organization.settings = { escalateCadences: ['weekly'] };
      },
      'organization.settings.escalateCadences[0]: "weekly" is not one of semiannual, yearly, monthly',
    ],
    [
      'ITA thresholds out of range',
      (p: any) => {
        p.organization.settings = { itaThresholds: { urgentBelow: 85, strengthAbove: 101 } };
      },
      'organization.settings.itaThresholds.strengthAbove: 101 is not a score (0–100)',
    ],
    [
      'ITA thresholds the wrong way round',
      (p: any) => {
        p.organization.settings = { itaThresholds: { urgentBelow: 92, strengthAbove: 85 } };
      },
      'organization.settings.itaThresholds.strengthAbove: 85 is below urgentBelow (92); it must be at least that',
    ],
    [
      'an ITA threshold missing',
      (p: any) => {
        p.organization.settings = { itaThresholds: { urgentBelow: 80 } };
      },
      'organization.settings.itaThresholds.strengthAbove: is required',
    ],
    [
      'wrong schema version',
      (p: any) => {
        p.schemaVersion = 2;
      },
      'schemaVersion: must be 1 (got 2)',
    ],
  ])('rejects %s', (_name, mutate, expected) => {
    const plan = load(SMALL);
    mutate(plan);
    expect(problemsOf(plan)).toEqual([expected]);
  });

  it('accepts ITA thresholds that are equal (no "improve" band but the threshold itself)', () => {
    const plan = load(SMALL);
    plan.organization.settings = { itaThresholds: { urgentBelow: 90, strengthAbove: 90 } };
    expect(problemsOf(plan)).toEqual([]);
  });

  describe('step owners, the lead unit and reporting lines', () => {
    it("accepts owners within a measure's units, ALL where it runs with every unit, a lead and a second line of a cadence", () => {
      const plan = load(SMALL);
      plan.measures[0].steps[0].owners = ['PLAN_BUDGET'];
      plan.measures[0].steps[1].scheduleAssumed = true;
      plan.measures[0].leadUnit = 'PLAN_BUDGET';
      // responsibleUnits ["ALL", "PLAN_BUDGET", "INTERNAL_AUDIT"]: any declared unit is within.
      plan.measures[1].steps[0].owners = ['INTERNAL_AUDIT', 'HR'];
      plan.measures[1].steps[1].owners = ['ALL'];
      plan.measures[1].leadUnit = 'HR';
      plan.measures[1].reporting.push({ cadence: 'semiannual', recipient: 'executives', from: 'INTERNAL_AUDIT' });
      plan.measures[1].reporting.push({ cadence: 'yearly', recipient: 'director-or-delegate', from: 'HR' });
      expect(problemsOf(plan)).toEqual([]);
    });

    it('accepts the seed plan with its owners, its lead unit, its assumed schedules and the internal-audit lines', () => {
      const result = parsePlanFile(fs.readFileSync(SEED));
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      const m = Object.fromEntries(result.plan.measures.map((x) => [x.code, x]));
      expect(m['M05-I8-I12'].steps.map((s) => s.owners)).toEqual([
        ['PLAN_BUDGET'],
        ['PLAN_BUDGET'],
        ['PLAN_BUDGET'],
        ['ALL'],
        ['INTERNAL_AUDIT'],
      ]);
      expect(m['M08-I24']).toMatchObject({
        leadUnit: 'PROCUREMENT',
        responsibleUnits: ['PROCUREMENT', 'INTERNAL_AUDIT'],
      });
      for (const code of ['M05-I8-I12', 'M06-I11'])
        expect(m[code].reporting.filter((r) => r.from === 'INTERNAL_AUDIT')).toEqual([
          expect.objectContaining({ cadence: 'semiannual', recipient: 'executives' }),
        ]);
      expect(result.plan.measures.filter((x) => x.steps.every((s) => s.scheduleAssumed)).map((x) => x.code)).toEqual([
        'M03-I1-I2',
        'M07-I13',
        'M09-E11-E12-E14',
        'M10-E1-E2',
        'FRAG-E3-E7-E9',
      ]);
      // Every owner, lead and reporting unit the plan sets is explained in its corrections.
      const explained = new Set(result.plan.corrections?.map((c) => c.path));
      result.plan.measures.forEach((x, i) => {
        x.steps.forEach((s, k) => {
          if (s.owners)
            expect(
              [`measures[${i}].steps[${k}].owners`, `measures[${i}].steps[0..3].owners`].some((p) => explained.has(p)),
            ).toBe(true);
        });
        if (x.leadUnit) expect(explained.has(`measures[${i}].leadUnit`)).toBe(true);
        x.reporting.forEach(
          (r, k) => r.from && expect(explained.has(`measures[${i}].reporting[${k}].from`)).toBe(true),
        );
      });
    });

    it.each([
      [
        'an owner the plan does not declare',
        (p: any) => {
          p.measures[0].steps[0].owners = ['FINANCE'];
        },
        'measures[0].steps[0].owners[0]: "FINANCE" is not a unit declared in "units"',
      ],
      [
        "an owner that is not one of the measure's responsible units",
        (p: any) => {
          p.measures[0].steps[1].owners = ['PLAN_BUDGET', 'HR'];
        },
        `measures[0].steps[1].owners[1]: "HR" is not one of this measure's responsibleUnits (PLAN_BUDGET)`,
      ],
      [
        'ALL for a measure that does not run with every unit',
        (p: any) => {
          p.measures[0].steps[0].owners = ['ALL'];
        },
        `measures[0].steps[0].owners[0]: "ALL" (every unit) is wider than this measure's responsibleUnits; list the owning units, or leave owners out for all of them`,
      ],
      [
        'ALL beside named owners',
        (p: any) => {
          p.measures[1].steps[0].owners = ['HR', 'ALL'];
        },
        'measures[1].steps[0].owners[1]: "ALL" stands alone: it already means every unit',
      ],
      [
        'an owner named twice',
        (p: any) => {
          p.measures[1].steps[0].owners = ['HR', 'HR'];
        },
        'measures[1].steps[0].owners[1]: repeats unit "HR"',
      ],
      [
        'an empty owner list',
        (p: any) => {
          p.measures[1].steps[0].owners = [];
        },
        'measures[1].steps[0].owners: must have at least 1 entry',
      ],
      [
        'scheduleAssumed false',
        (p: any) => {
          p.measures[0].steps[0].scheduleAssumed = false;
        },
        'measures[0].steps[0].scheduleAssumed: must be true (or left out)',
      ],
      [
        'an unknown lead unit',
        (p: any) => {
          p.measures[1].leadUnit = 'FINANCE';
        },
        'measures[1].leadUnit: "FINANCE" is not a unit declared in "units"',
      ],
      [
        'ALL as the lead unit',
        (p: any) => {
          p.measures[1].leadUnit = 'ALL';
        },
        'measures[1].leadUnit: "ALL" is not a unit here; name one unit declared in "units"',
      ],
      [
        "a lead unit that is not one of the measure's",
        (p: any) => {
          p.measures[0].leadUnit = 'INTERNAL_AUDIT';
        },
        `measures[0].leadUnit: "INTERNAL_AUDIT" is not one of this measure's responsibleUnits (PLAN_BUDGET)`,
      ],
      [
        'a report from an unknown unit',
        (p: any) => {
          p.measures[0].reporting[0].from = 'FINANCE';
        },
        'measures[0].reporting[0].from: "FINANCE" is not a unit declared in "units"',
      ],
      [
        'an unknown recipient',
        (p: any) => {
          p.measures[0].reporting[0].recipient = 'board';
        },
        'measures[0].reporting[0].recipient: "board" is not one of director-or-delegate, executives',
      ],
      [
        'the same line twice',
        (p: any) => {
          p.measures[1].reporting.push({ cadence: 'semiannual', recipient: 'director-or-delegate' });
        },
        'measures[1].reporting[2].cadence: repeats cadence "semiannual" from the same unit to the same recipient as reporting[0]; give one of them another "from" or "recipient"',
      ],
    ])('rejects %s, naming its path', (_name, mutate, expected) => {
      const plan = load(SMALL);
      mutate(plan);
      expect(problemsOf(plan)).toEqual([expected]);
    });
  });

  it('rejects a file that is not UTF-8 (e.g. TIS-620), giving the offset', () => {
    const bytes = Buffer.from('{"organization":{"name":"', 'utf8');
    const tis620 = Buffer.from([0xca, 0xca, 0xbb, 0xb9]); // "สสปน" in TIS-620
    const result = parsePlanFile(Buffer.concat([bytes, tis620, Buffer.from('"}}')]));
    expect(result).toEqual({
      ok: false,
      problems: [
        {
          path: '(file)',
          message: `is not valid UTF-8 (first bad byte at offset ${bytes.length}); save the plan as UTF-8`,
        },
      ],
    });
  });

  it('rejects a truncated file as truncated', () => {
    const full = fs.readFileSync(SMALL);
    const result = parsePlanFile(full.subarray(0, Math.floor(full.length / 2)));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems[0].message).toMatch(/truncated/);
  });

  it('points at the line and column of a syntax error', () => {
    const result = parsePlanFile(Buffer.from('{\n  "schemaVersion": 1,,\n}'));
    expect(!result.ok && result.problems[0].message).toMatch(/line 2, column 22/);
  });

  it('accepts a UTF-8 byte-order mark', () => {
    const result = parsePlanFile(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), fs.readFileSync(SMALL)]));
    expect(result.ok).toBe(true);
  });
});
