import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkDraft, draftAllows, emptyPlanDocument, viewStatus } from './plan-draft';
import type { PlanDef } from './plan.types';

const SMALL = path.resolve(__dirname, '../../../../test/fixtures/small.plan.json');
const small = (): PlanDef => JSON.parse(fs.readFileSync(SMALL, 'utf8'));

describe(checkDraft.name, () => {
  it('finds nothing wrong in a valid plan of its own organization and year', () => {
    expect(checkDraft(small(), 'TEST-ORG', 2565)).toEqual({ valid: true, problems: [], warnings: [] });
  });

  it("reports the plan validator's problems with their paths, and a document moved to another organization or year", () => {
    const plan = small();
    plan.measures[0].steps[1].quarters = [4, 3] as never;
    plan.measures[0].title = ' ';
    const sut = checkDraft(plan, 'TEST-ORG', 2566);
    expect(sut.valid).toBe(false);
    expect(sut.problems.map((p) => p.path)).toEqual([
      'measures[0].title',
      'measures[0].steps[1].quarters[1]',
      'fiscalYear',
    ]);
    expect(checkDraft(small(), 'TCEB', 2565).problems).toEqual([
      { path: 'organization.code', message: 'is "TEST-ORG"; this is a draft of TCEB' },
    ]);
  });

  it('warns of a measure activation would skip, without making the draft invalid', () => {
    const plan = small();
    plan.measures[1].incomplete = true;
    expect(checkDraft(plan, 'TEST-ORG', 2565)).toMatchObject({
      valid: true,
      warnings: [{ path: 'measures[1].incomplete' }],
    });
  });

  it('copes with a document that is not a plan at all', () => {
    expect(checkDraft(null, 'TEST-ORG', 2565)).toMatchObject({ valid: false, problems: [{ path: '(root)' }] });
  });
});

describe('the lifecycle', () => {
  it('lets a draft be edited and submitted while it is a draft or returned, and decided only once submitted', () => {
    expect(
      ['draft', 'submitted', 'returned', 'approved', 'discarded'].filter((s) => draftAllows('update', s as never)),
    ).toEqual(['draft', 'returned']);
    expect(draftAllows('approve', 'submitted')).toBe(true);
    expect(draftAllows('approve', 'draft')).toBe(false);
    expect(draftAllows('return', 'returned')).toBe(false);
    expect(draftAllows('discard', 'approved')).toBe(false);
  });

  it('shows an approved draft as active once the plan it became is activated', () => {
    expect(viewStatus('approved', 2, { revision: 2, status: 'active' })).toBe('active');
    expect(viewStatus('approved', 2, { revision: 2, status: 'imported' })).toBe('approved');
    expect(viewStatus('approved', 2, { revision: 3, status: 'active' })).toBe('approved');
    expect(viewStatus('submitted', null, { revision: 2, status: 'active' })).toBe('submitted');
  });

  it('starts an empty draft from the frame: no measures, so not valid until one is written', () => {
    const plan = small();
    const sut = emptyPlanDocument({ organization: plan.organization, units: plan.units }, 2570);
    expect(sut).toMatchObject({ fiscalYear: 2570, measures: [], oversight: { title: 'ผู้อำนวยการ' } });
    expect(checkDraft(sut, 'TEST-ORG', 2570).problems).toEqual([
      { path: 'measures', message: 'must have at least 1 entry' },
    ]);
  });
});
