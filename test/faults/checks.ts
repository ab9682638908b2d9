/**
 * What the fault suite checks once the year is over, against the workflows' own final state (their
 * results, from Temporal), the read model and the audit trail (from the database):
 *  - every measure finished its year;
 *  - every command the client saw succeed is in the workflow state (lost = 0);
 *  - no change was applied or recorded twice (duplicated = 0): per task and report, the audit
 *    trail holds exactly one entry per successful command;
 *  - the read model equals the workflow state for every task and report;
 *  - each measure's audit entries are its changes 1..seq, none missing, none twice.
 */
import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { measureWorkflowId } from '@ita/contracts/measure.contracts';
import type { MeasureState } from '@ita/domain/measure/measure.types';
import type { CommandRecord } from './workload';

export interface Verdict {
  completed: number;
  notCompleted: string[];
  lost: string[];
  duplicated: string[];
  readModelMismatches: string[];
  auditGaps: string[];
}

const AUDIT_ACTION: Record<CommandRecord['kind'], string> = {
  'task.submit': 'task.submitted',
  'task.return': 'task.returned',
  'task.approve': 'task.approved',
  'report.submit': 'report.submitted',
  'report.return': 'report.returned',
  'report.approve': 'report.approved',
};

export async function checkYear(
  client: Client,
  dataSource: DataSource,
  measureCodes: string[],
  commands: CommandRecord[],
): Promise<Verdict> {
  const verdict: Verdict = {
    completed: 0,
    notCompleted: [],
    lost: [],
    duplicated: [],
    readModelMismatches: [],
    auditGaps: [],
  };
  const ok = commands.filter((c) => c.status === 200);
  for (const code of measureCodes) {
    const workflowId = measureWorkflowId('TCEB', 2565, code);
    const handle = client.workflow.getHandle(workflowId);
    if ((await handle.describe()).status.name !== 'COMPLETED') {
      verdict.notCompleted.push(code);
      continue;
    }
    verdict.completed += 1;
    const state = (await handle.result()) as MeasureState;
    const mine = ok.filter((c) => c.measureCode === code);

    // Every acknowledged command is in the state: the last submission's text, the returns counted, the decider.
    for (const task of state.tasks) {
      const cmds = mine.filter((c) => c.key === task.key);
      const lastSubmit = cmds.filter((c) => c.kind === 'task.submit').pop();
      const approve = cmds.find((c) => c.kind === 'task.approve');
      if (!lastSubmit || !approve) continue;
      if (task.submission?.note !== lastSubmit.text || task.submittedBy !== lastSubmit.actor)
        verdict.lost.push(`${code} ${task.key}: submission ${lastSubmit.id}`);
      if (task.status !== 'approved' || task.decidedBy !== approve.actor)
        verdict.lost.push(`${code} ${task.key}: approval ${approve.id}`);
      if (task.returnCount !== cmds.filter((c) => c.kind === 'task.return').length)
        verdict.lost.push(`${code} ${task.key}: returns ${task.returnCount}`);
    }
    for (const report of state.reports) {
      const cmds = mine.filter((c) => c.key === report.key);
      const lastSubmit = cmds.filter((c) => c.kind === 'report.submit').pop();
      if (!lastSubmit) continue;
      if (report.summary !== lastSubmit.text) verdict.lost.push(`${code} ${report.key}: submission ${lastSubmit.id}`);
      if (report.returnCount !== cmds.filter((c) => c.kind === 'report.return').length)
        verdict.lost.push(`${code} ${report.key}: returns ${report.returnCount}`);
    }
    for (const c of mine) {
      const known = c.kind.startsWith('task.')
        ? state.tasks.some((t) => t.key === c.key)
        : state.reports.some((r) => r.key === c.key);
      if (!known) verdict.lost.push(`${code} ${c.key}: command ${c.id} (${c.kind}) is not in the state`);
    }

    // The audit trail: exactly one entry per acknowledged command, and the changes 1..seq each once.
    const audit: Array<{ seq: number; idx: number; action: string; entity_key: string }> = (
      await dataSource.query(
        'SELECT seq, idx, action, entity_key FROM audit_entry WHERE workflow_id = ? ORDER BY seq, idx',
        [workflowId],
      )
    ).map((a: any) => ({ ...a, seq: Number(a.seq), idx: Number(a.idx) }));
    const counted = new Map<string, number>();
    for (const a of audit)
      counted.set(`${a.entity_key} ${a.action}`, (counted.get(`${a.entity_key} ${a.action}`) ?? 0) + 1);
    const expected = new Map<string, number>();
    for (const c of mine)
      expected.set(`${c.key} ${AUDIT_ACTION[c.kind]}`, (expected.get(`${c.key} ${AUDIT_ACTION[c.kind]}`) ?? 0) + 1);
    for (const [what, n] of expected) {
      const recorded = counted.get(what) ?? 0;
      if (recorded > n) verdict.duplicated.push(`${code} ${what}: ${recorded} audit entries for ${n} commands`);
      if (recorded < n) verdict.lost.push(`${code} ${what}: ${recorded} audit entries for ${n} commands`);
    }
    const seqs = [...new Set(audit.map((a) => a.seq))];
    if (seqs.length !== state.seq || seqs.some((s, i) => s !== i + 1))
      verdict.auditGaps.push(`${code}: audit seqs ${seqs.length} of ${state.seq}`);
    if (new Set(audit.map((a) => `${a.seq}/${a.idx}`)).size !== audit.length)
      verdict.duplicated.push(`${code}: an audit entry is there twice`);

    // The read model is the workflow state.
    const tasks: any[] = await dataSource.query(
      'SELECT task_key, status, overdue, submitted_by, decided_by, return_count FROM task WHERE workflow_id = ?',
      [workflowId],
    );
    if (tasks.length !== state.tasks.length)
      verdict.readModelMismatches.push(`${code}: ${tasks.length} task rows for ${state.tasks.length} tasks`);
    for (const t of state.tasks) {
      const row = tasks.find((r) => r.task_key === t.key);
      const same =
        row &&
        row.status === t.status &&
        Boolean(Number(row.overdue)) === t.overdue &&
        (row.submitted_by ?? undefined) === t.submittedBy &&
        (row.decided_by ?? undefined) === t.decidedBy &&
        Number(row.return_count) === t.returnCount;
      if (!same)
        verdict.readModelMismatches.push(
          `${code} ${t.key}: ${JSON.stringify(row)} vs ${JSON.stringify({ status: t.status, overdue: t.overdue, returnCount: t.returnCount })}`,
        );
    }
    const reports: any[] = await dataSource.query(
      'SELECT report_key, status, overdue, due_at, return_count, summary FROM report WHERE workflow_id = ?',
      [workflowId],
    );
    if (reports.length !== state.reports.length)
      verdict.readModelMismatches.push(`${code}: ${reports.length} report rows for ${state.reports.length} reports`);
    for (const r of state.reports) {
      const row = reports.find((x) => x.report_key === r.key);
      const same =
        row &&
        row.status === r.status &&
        Boolean(Number(row.overdue)) === r.overdue &&
        row.due_at === r.dueAt &&
        Number(row.return_count) === r.returnCount &&
        (row.summary ?? undefined) === r.summary;
      if (!same)
        verdict.readModelMismatches.push(
          `${code} ${r.key}: ${JSON.stringify(row)} vs ${JSON.stringify({ status: r.status, overdue: r.overdue, dueAt: r.dueAt })}`,
        );
    }
  }
  return verdict;
}
