/**
 * A plan revision written in the app, end to end (real API in this process, the worker as a child
 * process, a real Temporal dev server and a real database, SQLite or MariaDB with
 * TEST_DATABASE_URL): the planner copies the stored FY2565 plan into a draft, drafts the missing
 * E6 measure from the ITA analysis, writes its steps with their owners (problems shown with their
 * paths while it is invalid), submits it; the Deputy Director, by the Director's delegation,
 * returns it once and then approves it against the diff he was shown, which stores it as revision
 * 2 through the import's path; the planner activates it, and the owning unit's inbox shows the
 * new step's text. Every transition is in the audit chain, which verifies; the wrong roles are
 * refused, and an active plan is never replaced by a draft (its measures change by amendments).
 */
import { writeItaResultsSheet } from '@ita/spreadsheets/ita-results.sheet';
import { AuthHeader, setUpOrganization, signIn } from '../support/accounts';
import { readPlan } from '../support/seed-plan';
import { Stack, startStack } from '../support/stack';
import { eventually } from '../support/wait';

const ORG = '/api/organizations/TCEB';
const FY = 2565;
const DRAFTS = `${ORG}/plans/${FY}/drafts`;
const STEPS = [
  { number: 1, text: 'ปรับปรุงหน้าเว็บไซต์ให้เข้าถึงข้อมูลได้ง่าย ไม่ซับซ้อน', quarters: [1, 2], owners: ['CORP_COMMS'] },
  {
    number: 2,
    text: 'เผยแพร่ข้อมูลผ่านช่องทางที่หลากหลาย (เว็บไซต์ สื่อสังคมออนไลน์ จดหมายข่าว)',
    quarters: [2, 3, 4],
    owners: ['CORP_COMMS', 'CORP_STRATEGY'],
  },
];

describe('plan drafts (e2e)', () => {
  let stack: Stack;
  let http: Stack['http'];
  let planner: AuthHeader;
  let deputy: AuthHeader;
  let director: AuthHeader;
  let auditor: AuthHeader;
  let commsHead: AuthHeader;

  beforeAll(async () => {
    stack = await startStack('plan-drafts');
    http = stack.http;
    await setUpOrganization(stack.app);
    [planner, deputy, director, auditor, commsHead] = await Promise.all(
      ['tceb.planner', 'tceb.deputy', 'tceb.director', 'tceb.auditor', 'tceb.corp-comms.head'].map((u) =>
        signIn(http, u),
      ),
    );
    stack.startWorker();
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('takes a draft with a measure for E6 from the analysis to an approved, activated revision, with every step audited', async () => {
    // A copy of the stored revision; one open draft a year.
    const { body: created } = await http.post(DRAFTS).set(planner).send({ source: 'stored' }).expect(201);
    expect(created).toMatchObject({
      status: 'draft',
      revision: 1,
      source: 'stored',
      base: { revision: 1 },
      stored: { revision: 1, status: 'imported' },
      baseChanged: false,
      measureCount: 12,
      created: { by: 'tceb.planner' },
      validation: { valid: true, problems: [], warnings: [{ path: 'measures[10].incomplete' }] },
    });
    const id = created.id;
    const draft = `${DRAFTS}/${id}`;
    expect((await http.post(DRAFTS).set(planner).send({ source: 'empty' }).expect(409)).body.problems[0]).toMatchObject(
      { path: 'fiscalYear', message: `draft ${id} is open` },
    );
    await http.post(DRAFTS).set(commsHead).send({ source: 'empty' }).expect(403);

    // The analysis of the draft: E6 is urgent and no measure covers it.
    const before = (await http.get(`${draft}/coverage`).set(planner).expect(200)).body;
    expect(before.uncovered.map((u: any) => u.code)).toEqual(['E6', 'I15', 'I20', 'I21']);
    expect(before.items.find((i: any) => i.code === 'I7').measures).toEqual(['M01-I7']);

    // The planner picks E6: the measure is drafted with its item, title, priority and indicator, and no steps.
    const { body: drafted } = await http
      .post(`${draft}/measures/from-items`)
      .set(planner)
      .send({ items: ['E6'] })
      .expect(200);
    const measure = drafted.plan.measures[12];
    expect(measure).toMatchObject({
      code: 'M13-E6',
      stakeholderGroup: 'external',
      priority: 'urgent',
      indicator: 7,
      title: 'การเผยแพร่ข้อมูลของหน่วยงาน มีลักษณะ เข้าถึงง่าย ไม่ซับซ้อน, มีช่องทางหลากหลาย',
      items: [{ code: 'E6', score: 84.02, grade: 'A' }],
      steps: [],
      incomplete: true,
    });
    expect(drafted.revision).toBe(2);
    expect(drafted.validation.valid).toBe(false);
    expect(drafted.validation.problems.map((p: any) => p.path)).toEqual([
      'measures[12].steps',
      'measures[12].responsibleUnits',
    ]);
    const after = (await http.get(`${draft}/coverage`).set(auditor).expect(200)).body;
    expect(after.items.find((i: any) => i.code === 'E6').measures).toEqual(['M13-E6']);
    expect(after.uncovered.map((u: any) => u.code)).toEqual(['I15', 'I20', 'I21']);
    expect(
      (
        await http
          .post(`${draft}/measures/from-items`)
          .set(planner)
          .send({ items: ['E6', 'E99'] })
          .expect(400)
      ).body.problems,
    ).toEqual([{ path: 'items[1]', message: '"E99" is not an item of the draft\'s ITA results' }]);

    // Not valid yet: submitting is refused with every problem.
    const refused = await http.post(`${draft}/submit`).set(planner).expect(422);
    expect(refused.body.problems.map((p: any) => p.path)).toEqual([
      'measures[12].steps',
      'measures[12].responsibleUnits',
    ]);

    // As he types: an owner outside the measure's units is named with its path, nothing saved.
    const plan = structuredClone(drafted.plan);
    Object.assign(plan.measures[12], {
      steps: STEPS,
      responsibleUnits: ['CORP_COMMS'],
      leadUnit: 'CORP_COMMS',
      monitoringGuidelines: [{ number: 1, text: 'หน้าเว็บไซต์และช่องทางเผยแพร่ที่ปรับปรุงแล้ว', steps: [1, 2] }],
      incomplete: false,
    });
    const { body: typing } = await http.post(`${DRAFTS}/validate`).set(planner).send({ plan }).expect(200);
    expect(typing).toEqual({
      valid: false,
      problems: [
        {
          path: 'measures[12].steps[1].owners[1]',
          message: `"CORP_STRATEGY" is not one of this measure's responsibleUnits (CORP_COMMS)`,
        },
      ],
      warnings: [{ path: 'measures[10].incomplete', message: expect.any(String) }],
    });
    // Saving an invalid draft is allowed (it is a draft); the answer lists its problems.
    const { body: invalidSaved } = await http.put(draft).set(planner).send({ revision: 2, plan }).expect(200);
    expect(invalidSaved).toMatchObject({ revision: 3, validation: { valid: false } });
    plan.measures[12].responsibleUnits = ['CORP_COMMS', 'CORP_STRATEGY'];
    expect((await http.post(`${DRAFTS}/validate`).set(planner).send({ plan }).expect(200)).body.valid).toBe(true);
    expect((await http.put(draft).set(planner).send({ revision: 2, plan }).expect(409)).body.problems).toEqual([
      { path: 'revision', message: 'is 3 now' },
    ]);
    await http.put(draft).set(auditor).send({ revision: 3, plan }).expect(403);
    const { body: saved } = await http.put(draft).set(planner).send({ revision: 3, plan }).expect(200);
    expect(saved).toMatchObject({ revision: 4, validation: { valid: true, problems: [] } });
    // The same document again writes nothing.
    expect((await http.put(draft).set(planner).send({ revision: 4, plan }).expect(200)).body.revision).toBe(4);

    // The diff against the stored revision, with the hash to confirm it by.
    const { body: diff } = await http.get(`${draft}/diff`).set(deputy).expect(200);
    expect(diff).toMatchObject({
      draftRevision: 4,
      against: { revision: 1, status: 'imported' },
      kept: false,
      identical: false,
      changes: [{ kind: 'added', path: 'measures[M13-E6]' }],
    });
    expect(diff.baseHash).toBe(created.stored.contentHash);

    // Submit; the Deputy returns it with a comment; the planner submits again.
    await http.post(`${draft}/submit`).set(commsHead).expect(403);
    expect((await http.post(`${draft}/submit`).set(planner).expect(200)).body).toMatchObject({
      status: 'submitted',
      submitted: { by: 'tceb.planner' },
    });
    expect((await http.put(draft).set(planner).send({ revision: 4, plan }).expect(409)).body.problems).toEqual([
      { path: 'status', message: 'is submitted' },
    ]);
    for (const who of [planner, auditor, commsHead])
      await http.post(`${draft}/approve`).set(who).send({ confirm: diff.baseHash }).expect(403);
    await http.post(`${draft}/return`).set(deputy).send({}).expect(400);
    expect(
      (await http.post(`${draft}/return`).set(deputy).send({ comment: 'ขอระบุช่องทางเผยแพร่ให้ชัดเจน' }).expect(200)).body,
    ).toMatchObject({ status: 'returned', returned: { by: 'tceb.deputy', comment: 'ขอระบุช่องทางเผยแพร่ให้ชัดเจน' } });
    await http.post(`${draft}/submit`).set(planner).expect(200);

    // Approval must confirm the diff it was shown: a wrong hash is a 409 with the diff to confirm.
    const wrong = await http
      .post(`${draft}/approve`)
      .set(deputy)
      .send({ confirm: 'f'.repeat(64) })
      .expect(409);
    expect(wrong.body).toMatchObject({ problems: [{ path: 'confirm' }], preview: { baseHash: diff.baseHash } });
    const { body: approved } = await http
      .post(`${draft}/approve`)
      .set(deputy)
      .send({ confirm: diff.baseHash, comment: 'อนุมัติ' })
      .expect(200);
    expect(approved).toMatchObject({
      status: 'approved',
      approved: {
        by: 'tceb.deputy',
        revision: 2,
        comment: 'อนุมัติ',
        authority: expect.stringMatching(/^delegation \d+ \(oversight\) from tceb\.director$/),
      },
      stored: { revision: 2, status: 'imported' },
    });
    await http.post(`${draft}/approve`).set(director).send({ confirm: diff.baseHash }).expect(409);

    // The stored plan is revision 2 with the new measure; the kept diff is there before activation.
    const { body: stored } = await http.get(`${ORG}/plans/${FY}`).set(planner).expect(200);
    expect(stored).toMatchObject({ revision: 2, status: 'imported', measureCount: 13 });
    const { body: storedMeasure } = await http.get(`${ORG}/plans/${FY}/measures/M13-E6`).set(planner).expect(200);
    expect(storedMeasure.steps.map((s: any) => s.text)).toEqual(STEPS.map((s) => s.text));
    expect((await http.get(`${draft}/diff`).set(planner).expect(200)).body).toMatchObject({
      kept: true,
      baseHash: null,
      changes: [{ kind: 'added', path: 'measures[M13-E6]' }],
    });

    // A second draft, copied from revision 2 and submitted, is not approved once the plan is active.
    const { body: second } = await http.post(DRAFTS).set(planner).send({ source: 'stored' }).expect(201);
    expect(second.base).toMatchObject({ revision: 2 });
    await http.post(`${DRAFTS}/${second.id}/submit`).set(planner).expect(200);

    // Activation, the existing path: the new measure starts with the others.
    const { body: activation } = await http
      .post(`${ORG}/plans/${FY}/activate`)
      .set(planner)
      .send({ calendar: { quarterSeconds: 3600 } })
      .expect(200);
    expect(activation.started.map((m: any) => m.measureCode)).toContain('M13-E6');
    expect((await http.get(draft).set(planner).expect(200)).body.status).toBe('active');

    const active = await http
      .post(`${DRAFTS}/${second.id}/approve`)
      .set(director)
      .send({ confirm: approved.stored.contentHash })
      .expect(409);
    expect(active.body.message).toMatch(/is active: its running measures change only through amendments/);
    expect(active.body.problems).toEqual([
      {
        path: 'fiscalYear',
        message: `the plan for ${FY} is active; amend its measures with POST /api/organizations/TCEB/plans/${FY}/measures/{code}/amendments`,
      },
    ]);
    await http.post(`${DRAFTS}/${second.id}/discard`).set(planner).expect(200);

    // The owning unit's inbox: the new measure's Q1 task, with its step's text.
    const inbox = await eventually(
      async () => {
        const { body } = await http
          .get(`${ORG}/units/CORP_COMMS/inbox?measure=M13-E6&quarter=1`)
          .set(commsHead)
          .expect(200);
        expect(body.total).toBe(1);
        return body;
      },
      30_000,
      stack.workerLog,
    );
    expect(inbox.items[0]).toMatchObject({ taskKey: 'Q1-S1-CORP_COMMS', stepNumber: 1, stepText: STEPS[0].text });
    const { body: m01 } = await http.get(`${ORG}/plans/${FY}/measures/M01-I7/tasks`).set(auditor).expect(200);
    expect(m01.every((t: any) => typeof t.stepText === 'string' && t.stepText.length > 0)).toBe(true);

    // Every transition in the audit chain, by whom, and the chain verifies.
    const { body: trail } = await http.get(`${ORG}/audit/entries?action=plan.&pageSize=100`).set(auditor).expect(200);
    const lines = trail.items.map((e: any) => `${e.action} ${e.key} ${e.actor.id}`);
    expect(lines).toEqual([
      'plan.imported 2565 operator:test',
      `plan.draft-created ${id} tceb.planner`,
      `plan.draft-updated ${id} tceb.planner`,
      `plan.draft-updated ${id} tceb.planner`,
      `plan.draft-updated ${id} tceb.planner`,
      `plan.submitted ${id} tceb.planner`,
      `plan.returned ${id} tceb.deputy`,
      `plan.submitted ${id} tceb.planner`,
      'plan.imported 2565 tceb.deputy',
      `plan.approved ${id} tceb.deputy`,
      `plan.draft-created ${second.id} tceb.planner`,
      `plan.submitted ${second.id} tceb.planner`,
      'plan.activated 2565 tceb.planner',
      `plan.draft-discarded ${second.id} tceb.planner`,
    ]);
    const entry = (action: string) => trail.items.find((e: any) => e.action === action && e.key === String(id));
    expect(entry('plan.approved')).toMatchObject({
      fiscalYear: FY,
      authority: approved.approved.authority,
      before: { status: 'submitted', revision: 4 },
      after: { status: 'approved', planRevision: 2, comment: 'อนุมัติ' },
    });
    expect(entry('plan.returned').after).toMatchObject({ status: 'returned', comment: 'ขอระบุช่องทางเผยแพร่ให้ชัดเจน' });
    expect(
      trail.items.find((e: any) => e.action === 'plan.imported' && e.actor.id === 'tceb.deputy').after,
    ).toMatchObject({
      source: 'plan-draft',
      revision: 2,
      draft: id,
      changes: 1,
      changedPaths: ['added measures[M13-E6]'],
    });
    expect((await http.get(`${ORG}/audit/verify`).set(auditor).expect(200)).body).toMatchObject({ ok: true });
  });

  it('lets the Director approve a first plan for a new year, started empty from the organization', async () => {
    const drafts = `${ORG}/plans/2566/drafts`;
    const { body: empty } = await http.post(drafts).set(planner).send({ source: 'empty' }).expect(201);
    expect(empty).toMatchObject({ base: null, stored: null, measureCount: 0 });
    expect(empty.plan).toMatchObject({ fiscalYear: 2566, organization: { code: 'TCEB' }, measures: [] });
    expect(empty.validation.problems).toEqual([{ path: 'measures', message: 'must have at least 1 entry' }]);
    expect(
      (
        await http
          .post(`${drafts}/${empty.id}/measures/from-items`)
          .set(planner)
          .send({ items: ['E6'] })
          .expect(400)
      ).body.problems,
    ).toEqual([{ path: 'ita', message: 'is absent: add the ITA results the plan answers' }]);
    const plan = {
      ...empty.plan,
      measures: [
        {
          code: 'M01-E6',
          stakeholderGroup: 'external',
          priority: 'urgent',
          indicator: 7,
          title: 'การเผยแพร่ข้อมูลของหน่วยงาน',
          items: [{ code: 'E6' }],
          steps: [{ number: 1, text: 'ปรับปรุงเว็บไซต์', quarters: [1], owners: ['ALL'] }],
          responsibleUnits: ['ALL'],
          monitoringGuidelines: [],
          reporting: [{ cadence: 'yearly', recipient: 'executives', from: 'CORP_COMMS' }],
        },
      ],
    };
    await http.put(`${drafts}/${empty.id}`).set(planner).send({ revision: 1, plan }).expect(200);
    await http.post(`${drafts}/${empty.id}/submit`).set(planner).expect(200);
    const { body: diff } = await http.get(`${drafts}/${empty.id}/diff`).set(director).expect(200);
    expect(diff).toMatchObject({ against: null, baseHash: null });
    expect(diff.changes.map((c: any) => c.path)).toContain('measures[M01-E6]');
    const { body } = await http.post(`${drafts}/${empty.id}/approve`).set(director).send({}).expect(200);
    expect(body).toMatchObject({ status: 'approved', approved: { by: 'tceb.director', authority: null, revision: 1 } });
    expect((await http.get(`${ORG}/plans/2566`).set(auditor).expect(200)).body).toMatchObject({ revision: 1 });
    expect((await http.get(drafts).set(auditor).expect(200)).body.map((d: any) => d.status)).toEqual(['approved']);
  });

  it("rolls an earlier year's plan into a draft, decides its unfinished work, and attaches the new year's ITA results", async () => {
    const drafts = `${ORG}/plans/2567/drafts`;
    const { body: draft } = await http.post(drafts).set(planner).send({ source: 'rollover', from: 2565 }).expect(201);
    expect(draft).toMatchObject({ source: 'rollover', plan: { fiscalYear: 2567 } });
    expect(draft.plan.source.notes[0]).toMatch(/ต่อยอดมาตรการจากแผนปีงบประมาณ 2565/);
    expect(draft.plan.measures.map((m: any) => m.code)).toContain('M05-I8-I12');

    const { body: unfinished } = await http.get(`${drafts}/${draft.id}/unfinished?from=2565`).set(auditor).expect(200);
    expect(unfinished.fromFiscalYear).toBe(2565);
    const step = unfinished.steps.find((s: any) => s.measureCode === 'M02-I14' && s.stepNumber === 1);
    expect(step).toMatchObject({ text: expect.any(String) });

    const wrong = await http
      .post(`${drafts}/${draft.id}/carry-over`)
      .set(planner)
      .send({ from: 2565, decisions: [{ measureCode: 'M02-I14', stepNumber: 99, decision: 'drop', reason: 'x' }] })
      .expect(400);
    expect(wrong.body.problems).toEqual([
      { path: 'decisions[0].stepNumber', message: 'M02-I14#99 is not unfinished work of last year' },
    ]);
    const steps = draft.plan.measures.find((m: any) => m.code === 'M02-I14').steps.length;
    const { body: decided } = await http
      .post(`${drafts}/${draft.id}/carry-over`)
      .set(planner)
      .send({
        from: 2565,
        decisions: [
          { measureCode: 'M02-I14', stepNumber: 1, decision: 'carry-over', quarters: [1], reason: 'ยังไม่เสร็จ' },
          { measureCode: 'M01-I7', stepNumber: 1, decision: 'drop', reason: 'ไม่จำเป็นแล้ว' },
        ],
      })
      .expect(200);
    const carried = decided.plan.measures.find((m: any) => m.code === 'M02-I14').steps;
    expect(carried).toHaveLength(steps + 1);
    expect(carried[steps]).toMatchObject({ number: steps + 1, quarters: [1], text: expect.stringMatching(/^งานค้าง/) });
    const trail = (
      await http.get(`${ORG}/audit/entries?action=plan.draft-updated&pageSize=100`).set(auditor).expect(200)
    ).body;
    const recorded = trail.items.find((e: any) => e.key === String(draft.id) && e.after?.carryOver);
    expect(recorded?.after.carryOver.decisions.map((d: any) => d.decision)).toEqual(['carry-over', 'drop']);

    // The year's results as the template holds them (here the seed's, with I7 scored anew).
    const ita = structuredClone(readPlan().ita!);
    ita.items.find((i) => i.code === 'I7')!.score = 90.5;
    const { body: attached } = await http
      .post(`${drafts}/${draft.id}/ita`)
      .set(planner)
      .set('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .send(await writeItaResultsSheet(ita))
      .expect(200);
    expect(attached.plan.ita.items.find((i: any) => i.code === 'I7').score).toBe(90.5);
    expect(attached.plan.measures.find((m: any) => m.code === 'M01-I7').items).toEqual([
      expect.objectContaining({ code: 'I7', score: 90.5 }),
    ]);
  });
});
