/**
 * The read model at the scale of many agencies: projection throughput and the queries people
 * open every day, against a bare baseline from the same run and the same database.
 *   baseline     SELECT one task by primary key
 *   inbox        a unit's open tasks, first page of 50 (the index ix_task_inbox)
 *   reports      an organization's open reports
 *   escalations  an organization's open escalation queue
 *   project      applyProjection of one batch (a task's submission: 1 task row, 1 audit row)
 * Every organization gets the seed plan's 11 runnable measures with Q1 open for its 7 units.
 *   node dist/bench/read-model.bench.js [organizations=200]   (DATABASE_URL picks the store)
 */
import 'reflect-metadata';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ProjectionBatch } from '@ita/contracts/measure.contracts';
import { compressedFiscalCalendar } from '@ita/domain/fiscal-calendar';
import { advance, initialState, submitTask } from '@ita/domain/measure/measure-machine';
import type { Change, MeasureContext, MeasureState } from '@ita/domain/measure/measure.types';
import { normalizePlan } from '@ita/domain/plan/plan.canonical';
import type { PlanDef } from '@ita/domain/plan/plan.types';
import { openDatabase } from '@ita/persistence/data-source';
import { OrganizationEntity } from '@ita/persistence/entities';
import { buildRepositories } from '@ita/persistence/repositories';
import { scratchDatabaseUrl } from './scratch-database';

const SEED = path.resolve(__dirname, '../../data/plans/tceb-fy2565.plan.json');

async function main(): Promise<void> {
  const organizations = Number(process.argv[2] ?? 200);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ita-bench-'));
  const scratch = await scratchDatabaseUrl(process.env.DATABASE_URL, tmp);
  const dataSource = await openDatabase(scratch.config);
  const { readModel, projection } = buildRepositories(dataSource);
  const seed = normalizePlan(JSON.parse(fs.readFileSync(SEED, 'utf8')) as PlanDef);
  const units = seed.units.map((u) => ({ code: u.code, name: u.name }));
  const calendar = compressedFiscalCalendar(2565, new Date('2030-01-01T00:00:00Z'), 91 * 86_400_000);
  const t0 = Date.parse(calendar.start);
  const batch = (org: string, ctx: MeasureContext, state: MeasureState, changes: Change[]): ProjectionBatch => ({
    workflowId: `measure/${org}/2565/${ctx.measure.code}`,
    runId: 'bench',
    eventId: state.seq,
    organizationCode: org,
    fiscalYear: 2565,
    measureCode: ctx.measure.code,
    seq: ++state.seq,
    at: changes[0].at,
    measure: {
      status: state.status,
      currentQuarter: state.currentQuarter,
      quarterStatuses: { 1: 'in-progress', 2: 'not-started', 3: 'not-started', 4: 'not-started' },
      planRevision: 1,
      dayMs: calendar.dayMs,
    },
    tasks: state.tasks.filter((t) => changes.some((c) => c.key === t.key)),
    reports: [],
    audit: changes.map((c) => ({
      action: c.action,
      actorId: c.actor.id,
      actorRole: c.actor.role,
      actorUnit: c.actor.unitCode ?? null,
      entity: c.entity,
      key: c.key,
      before: c.before ?? null,
      after: c.after ?? null,
      at: c.at,
    })),
  });

  // Load: every organization, every runnable measure, Q1 opened (one batch per measure).
  const orgRepo = dataSource.getRepository(OrganizationEntity);
  const loadStart = process.hrtime.bigint();
  let taskRows = 0;
  const submissions: Array<() => Promise<void>> = [];
  for (let o = 0; o < organizations; o++) {
    const org = `AGENCY-${o}`;
    await orgRepo.insert({ code: org, name: `หน่วยงานที่ ${o}`, reportGraceDays: 15, escalationIntervalDays: 7 });
    for (const measure of seed.measures.filter((m) => !m.incomplete)) {
      const ctx: MeasureContext = {
        organizationCode: org,
        measure,
        calendar,
        policy: { reportGraceDays: 15, escalationIntervalDays: 7, escalateCadences: [] },
      };
      const expanded = measure.responsibleUnits.includes('ALL')
        ? units
        : units.filter((u) => measure.responsibleUnits.includes(u.code));
      const state = initialState(ctx, expanded);
      await projection.applyProjection(batch(org, ctx, state, advance(state, ctx, t0)));
      taskRows += state.tasks.length;
      if (o < 50) {
        const task = state.tasks[0];
        submissions.push(async () => {
          const changes = submitTask(
            state,
            ctx,
            {
              actor: { id: 'bench', role: 'unit-staff', unitCode: task.unitCode, organizationCode: org },
              taskKey: task.key,
              note: 'ดำเนินการแล้ว',
              progress: 'partly-done',
              evidence: [],
            },
            t0 + 1000,
          );
          await projection.applyProjection(batch(org, ctx, state, changes));
        });
      }
    }
  }
  const loadMs = Number(process.hrtime.bigint() - loadStart) / 1e6;

  const time = async (label: string, runs: number, run: (i: number) => Promise<unknown>, warmUp = true) => {
    for (let i = 0; warmUp && i < Math.min(20, runs); i++) await run(i);
    const start = process.hrtime.bigint();
    for (let i = 0; i < runs; i++) await run(i);
    return { label, perOp: Number(process.hrtime.bigint() - start) / 1e6 / runs };
  };
  const orgIds = (await orgRepo.find({ select: { id: true } })).map((o) => o.id);
  const [{ maxId }] = await dataSource.query('SELECT MAX(id) AS maxId FROM task');
  const pick = (i: number) => orgIds[(i * 7919) % orgIds.length];
  const results = [
    await time('baseline', 500, (i) =>
      dataSource.query('SELECT * FROM task WHERE id = ?', [1 + ((i * 7919) % Number(maxId))]),
    ),
    await time('inbox', 500, (i) => readModel.inbox(pick(i), units[i % units.length].code, {}, 1, 50)),
    await time('reports', 500, (i) => readModel.reports(pick(i), { statuses: ['open'] }, 1, 50)),
    await time('escalations', 500, (i) => readModel.escalations(pick(i), true, 1, 50)),
  ];
  const project = await time('project', submissions.length, (i) => submissions[i](), false);

  console.log(
    `read model, ${organizations} organizations x 11 measures (${taskRows} Q1 tasks), ${scratch.config.type}, node ${process.version}`,
  );
  console.log(
    `  load: ${(loadMs / 1000).toFixed(1)} s for ${organizations * 11} projection batches (${((organizations * 11) / (loadMs / 1000)).toFixed(0)} batches/s)`,
  );
  const base = results[0].perOp;
  for (const r of [...results, project]) {
    console.log(
      `  ${r.label.padEnd(12)} ${r.perOp.toFixed(3).padStart(8)} ms  ${(r.perOp / base).toFixed(1).padStart(6)}x baseline`,
    );
  }
  await dataSource.destroy();
  await scratch.drop();
  fs.rmSync(tmp, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
