/**
 * A plan's own history in the audit trail, end to end (real API, worker, Temporal dev server and
 * database, SQLite or MariaDB with TEST_DATABASE_URL): the operator's command imports the seed
 * plan, a planner re-imports it with a changed setting and unit, and activates it on a compressed
 * calendar. The auditor's search and CSV show each with who, revision, hashes and calendar, and
 * what the import changed in the organization; dry runs, unchanged re-imports and an activation
 * that starts nothing new add nothing; the chain, with the measures' own entries, verifies.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AccountService } from '../../apps/api/src/auth/account.service';
import { AuthHeader, readAccounts, signIn } from '../support/accounts';
import { planBytes, readPlan, SEED_PLAN_FILE } from '../support/seed-plan';
import { ROOT, Stack, startStack } from '../support/stack';
import { eventually, rawBody } from '../support/wait';

const ORG = '/api/organizations/TCEB';
const OPERATOR = `operator:${os.userInfo().username}`;

describe('plan import and activation in the audit trail (e2e)', () => {
  let stack: Stack;
  let http: Stack['http'];
  let planner: AuthHeader;
  let auditor: AuthHeader;
  /** The hash the operator's command printed (its first 12 characters). */
  let printedHash: string;

  const trail = async (query: string) =>
    (await http.get(`${ORG}/audit/entries?${query}`).set(auditor).expect(200)).body;
  const administrative = async () =>
    (await trail('pageSize=500')).items.filter((e: any) => e.workflowId === 'organization/TCEB');
  const importFile = (body: Buffer, query = '') =>
    http.post(`/api/plans/import${query}`).set(planner).set('Content-Type', 'application/octet-stream').send(body);

  beforeAll(async () => {
    stack = await startStack('plan-audit');
    http = stack.http;
    const cli = spawnSync(
      process.execPath,
      [path.join(ROOT, 'dist/apps/api/src/cli/plan-import.cli.js'), SEED_PLAN_FILE],
      { cwd: ROOT, env: { ...process.env }, encoding: 'utf8' },
    );
    if (cli.status !== 0) throw new Error(`plan-import exited with ${cli.status}: ${cli.stderr}`);
    printedHash = /^created: TCEB FY 2565 \(revision 1, ([0-9a-f]{12})\)/.exec(cli.stdout)![1];
    await stack.app.get(AccountService).load(readAccounts(), 'test');
    [planner, auditor] = await Promise.all(['tceb.planner', 'tceb.auditor'].map((u) => signIn(http, u)));
    stack.startWorker();
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it("records the operator's import of the seed plan: the organization, its units and the plan, by the operator", async () => {
    const entries = await administrative();
    expect(entries.slice(0, 9).map((e: any) => `${e.action} ${e.key}`)).toEqual([
      'organization.created TCEB',
      ...readPlan().units.map((u) => `unit.added ${u.code}`),
      'plan.imported 2565',
    ]);
    // The accounts file, loaded after the plan, comes next in the same chain.
    expect(entries.slice(9).map((e: any) => e.action.split('.')[0])).toEqual(
      expect.arrayContaining(['account', 'delegation']),
    );
    expect(entries.slice(9).every((e: any) => /^(account|delegation)\./.test(e.action))).toBe(true);
    const {
      items: [imported],
      total,
    } = await trail('action=plan.');
    expect(total).toBe(1);
    expect(imported).toMatchObject({
      actor: { id: OPERATOR, role: 'operator', unit: null },
      entity: 'plan',
      key: '2565',
      fiscalYear: 2565,
      measureCode: '',
      before: null,
      after: { fiscalYear: 2565, revision: 1, baseHash: null, status: 'imported', summary: { measures: 12, units: 7 } },
    });
    expect(imported.after.contentHash.startsWith(printedHash)).toBe(true);
    expect(entries[0].after).toMatchObject({
      name: readPlan().organization.name,
      reportGraceDays: 15,
      escalationIntervalDays: 7,
      resubmissionDays: 7,
    });
  });

  it("records a planner's confirmed re-import with its base hash, and the setting and unit it changed; dry runs and unchanged re-imports record nothing", async () => {
    const before = (await administrative()).length;
    const seedHash = (await trail('action=plan.imported')).items[0].after.contentHash;
    expect((await importFile(fs.readFileSync(SEED_PLAN_FILE)).expect(200)).body.status).toBe('unchanged');
    const plan = readPlan() as any;
    plan.organization.settings = { resubmissionDays: 5 };
    plan.units = plan.units.map((u: any) => (u.code === 'HR' ? { ...u, name: 'ฝ่ายทรัพยากรบุคคล' } : u));
    const dry = await importFile(planBytes(plan), '?dryRun=true').expect(200);
    expect(dry.body).toMatchObject({ status: 'would-update', baseHash: seedHash });
    await importFile(planBytes(plan)).expect(409);
    expect((await administrative()).length).toBe(before);

    const applied = await importFile(planBytes(plan), `?confirm=${seedHash}`).expect(200);
    expect(applied.body).toMatchObject({ status: 'updated', revision: 2 });
    await importFile(planBytes(plan)).expect(200);
    const added = (await administrative()).slice(before);
    expect(added.map((e: any) => `${e.action} ${e.key} ${e.actor.id}`)).toEqual([
      'organization.updated TCEB tceb.planner',
      'unit.updated HR tceb.planner',
      'plan.imported 2565 tceb.planner',
    ]);
    expect(added[0]).toMatchObject({ before: { resubmissionDays: 7 }, after: { resubmissionDays: 5 } });
    expect(added[1]).toMatchObject({ before: { name: 'งานทรัพยากรบุคคล ฝ่ายบริหาร' }, after: { name: 'ฝ่ายทรัพยากรบุคคล' } });
    expect(added[2]).toMatchObject({
      actor: { id: 'tceb.planner', role: 'planner' },
      before: { revision: 1, contentHash: seedHash, status: 'imported' },
      after: {
        revision: 2,
        contentHash: applied.body.contentHash,
        baseHash: seedHash,
        changes: applied.body.changes.length,
        changedPaths: applied.body.changes.map((c: any) => `${c.kind} ${c.path}`),
      },
    });
    // Found by the unit it changed, too.
    expect((await trail('unit=HR&action=unit.')).items.map((e: any) => e.action)).toEqual([
      'unit.added',
      'unit.updated',
    ]);
  });

  it('records an activation with who, the compressed calendar and what it started, once; the CSV has every plan entry and the chain verifies', async () => {
    const administrativeBefore = (await administrative()).length;
    const startsAt = new Date(Date.now() + 3000).toISOString();
    const { body: activated } = await http
      .post(`${ORG}/plans/2565/activate`)
      .set(planner)
      .send({ calendar: { quarterSeconds: 3600, startsAt } })
      .expect(200);
    expect(activated.started).toHaveLength(11);
    const again = await http.post(`${ORG}/plans/2565/activate`).set(planner).send({}).expect(200);
    expect(again.body.alreadyStarted).toHaveLength(11);
    // An active plan cannot be re-imported; the refusal records nothing either.
    const changed = readPlan() as any;
    changed.measures[0].title = 'มาตรการที่แก้ไข';
    await importFile(planBytes(changed), '?confirm=x').expect(409);

    const { items, total } = await trail('action=plan.&fiscalYear=2565');
    expect(items.map((e: any) => `${e.action} ${e.actor.id}`)).toEqual([
      `plan.imported ${OPERATOR}`,
      'plan.imported tceb.planner',
      'plan.activated tceb.planner',
    ]);
    expect(total).toBe(3);
    expect(items[2]).toMatchObject({
      entity: 'plan',
      key: '2565',
      before: { status: 'imported' },
      after: {
        status: 'active',
        fiscalYear: 2565,
        revision: 2,
        contentHash: items[1].after.contentHash,
        calendar: { compressed: true, quarterSeconds: 3600, start: startsAt, end: activated.calendar.end },
        started: 11,
        alreadyStarted: 0,
        skipped: 1,
        startedMeasures: activated.started.map((m: any) => m.measureCode),
        skippedMeasures: ['FRAG-E3-E7-E9'],
      },
    });

    const csv = await http
      .get(`${ORG}/audit/entries.csv?action=plan.`)
      .set(auditor)
      .buffer(true)
      .parse(rawBody)
      .expect(200);
    const lines = new TextDecoder('utf-8', { fatal: true })
      .decode(csv.body as Buffer)
      .split('\r\n')
      .filter(Boolean);
    expect(lines).toHaveLength(1 + 3);
    expect(lines[1]).toContain(`"plan.imported","2565","${OPERATOR}","operator"`);
    expect(lines[2]).toContain('"plan.imported","2565","tceb.planner","planner"');
    expect(lines[3]).toContain('"plan.activated","2565","tceb.planner","planner"');
    expect(lines[3]).toContain('""quarterSeconds"":3600');
    expect(lines[2]).toContain(items[1].after.contentHash);
    expect(lines.every((l, i) => i === 0 || l.includes('"organization/TCEB"'))).toBe(true);

    // The measures write their own entries into the same chain meanwhile; it verifies as a whole.
    await eventually(
      async () => expect((await trail('action=measure.started')).total).toBe(11),
      30_000,
      stack.workerLog,
    );
    const verdict = (await http.get(`${ORG}/audit/verify`).set(auditor).expect(200)).body;
    expect(verdict).toMatchObject({ ok: true });
    expect(verdict.entries).toBeGreaterThanOrEqual(administrativeBefore + 1 + 11);
  }, 90_000);
});
