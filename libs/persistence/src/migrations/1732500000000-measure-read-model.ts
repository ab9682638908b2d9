/** The read model of running measures: runs, tasks, reports, escalations and the audit trail. */
import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { schemaHelpers } from './schema-helpers';

export class MeasureReadModel1732500000000 implements MigrationInterface {
  name = 'MeasureReadModel1732500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { id, int, bigint, varchar, text, boolean, create } = schemaHelpers(queryRunner);
    const scope = [int('organization_id'), int('fiscal_year'), varchar('measure_code', 32)];
    const index = (name: string, columnNames: string[], isUnique = false) =>
      new TableIndex({ name, columnNames, isUnique });

    await create(
      new Table({
        name: 'measure_run',
        columns: [
          id,
          varchar('workflow_id', 200),
          varchar('run_id', 64),
          ...scope,
          varchar('status', 16),
          int('current_quarter', { isNullable: true }),
          text('quarter_statuses'),
          int('plan_revision'),
          bigint('day_ms'),
          int('version'),
          varchar('updated_at', 32),
        ],
        indices: [
          index('uq_measure_run_workflow', ['workflow_id'], true),
          index('ix_measure_run_org_year', ['organization_id', 'fiscal_year', 'measure_code']),
        ],
      }),
    );
    await create(
      new Table({
        name: 'task',
        columns: [
          id,
          varchar('workflow_id', 200),
          varchar('task_key', 64),
          ...scope,
          int('quarter'),
          int('step_number'),
          varchar('unit_code', 32),
          varchar('status', 16),
          boolean('overdue'),
          varchar('opened_at', 32),
          varchar('due_at', 32),
          text('submission', true),
          varchar('submitted_at', 32, true),
          varchar('submitted_by', 100, true),
          varchar('decided_at', 32, true),
          varchar('decided_by', 100, true),
          varchar('return_reason', 4000, true),
          int('return_count', { default: 0 }),
          int('version'),
        ],
        indices: [
          index('uq_task_workflow_key', ['workflow_id', 'task_key'], true),
          index('ix_task_inbox', ['organization_id', 'unit_code', 'status']),
          index('ix_task_measure', ['organization_id', 'fiscal_year', 'measure_code']),
        ],
      }),
    );
    await create(
      new Table({
        name: 'report',
        columns: [
          id,
          varchar('workflow_id', 200),
          varchar('report_key', 32),
          ...scope,
          varchar('cadence', 16),
          varchar('period_label', 200),
          varchar('period_start', 32),
          varchar('period_end', 32),
          varchar('due_at', 32),
          varchar('status', 16),
          boolean('overdue'),
          text('units'),
          text('draft'),
          text('summary', true),
          varchar('comments', 4000, true),
          varchar('submitted_at', 32, true),
          varchar('submitted_by', 100, true),
          varchar('decided_at', 32, true),
          varchar('decided_by', 100, true),
          int('return_count', { default: 0 }),
          int('version'),
        ],
        indices: [
          index('uq_report_workflow_key', ['workflow_id', 'report_key'], true),
          index('ix_report_org_status', ['organization_id', 'status', 'due_at']),
        ],
      }),
    );
    await create(
      new Table({
        name: 'escalation',
        columns: [
          id,
          varchar('workflow_id', 200),
          varchar('report_key', 32),
          ...scope,
          varchar('cadence', 16),
          text('units'),
          int('level'),
          varchar('due_at', 32),
          varchar('first_at', 32),
          varchar('last_at', 32),
          varchar('next_at', 32),
          { ...varchar('resolved_at', 32), default: "''" },
          int('version'),
        ],
        indices: [
          index('uq_escalation_workflow_report', ['workflow_id', 'report_key'], true),
          index('ix_escalation_queue', ['organization_id', 'resolved_at', 'level']),
        ],
      }),
    );
    await create(
      new Table({
        name: 'audit_entry',
        columns: [
          id,
          ...scope,
          varchar('workflow_id', 200),
          varchar('run_id', 64),
          int('seq'),
          int('idx'),
          int('event_id'),
          varchar('at', 32),
          varchar('actor_id', 100),
          varchar('actor_role', 32),
          varchar('actor_unit', 32, true),
          varchar('action', 64),
          varchar('entity', 16),
          varchar('entity_key', 64),
          text('before', true),
          text('after', true),
        ],
        indices: [
          index('uq_audit_workflow_seq', ['workflow_id', 'seq', 'idx'], true),
          index('ix_audit_org_at', ['organization_id', 'at']),
          index('ix_audit_measure', ['organization_id', 'fiscal_year', 'measure_code', 'at']),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['audit_entry', 'escalation', 'report', 'task', 'measure_run'])
      await queryRunner.dropTable(table);
  }
}
