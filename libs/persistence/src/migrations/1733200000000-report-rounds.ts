/**
 * Returned reports fall due again: each organization says after how many days
 * (resubmission_days), and a report late again escalates in a new round, kept as a row of its
 * own beside the earlier rounds (the escalation key gains the round).
 */
import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { schemaHelpers } from './schema-helpers';

export class ReportRounds1733200000000 implements MigrationInterface {
  name = 'ReportRounds1733200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { int } = schemaHelpers(queryRunner);
    await queryRunner.addColumn('organization', new TableColumn(int('resubmission_days', { default: 7 })));
    await queryRunner.addColumn('escalation', new TableColumn(int('round', { default: 1 })));
    await queryRunner.dropIndex('escalation', 'uq_escalation_workflow_report');
    await queryRunner.createIndex(
      'escalation',
      new TableIndex({
        name: 'uq_escalation_workflow_report_round',
        columnNames: ['workflow_id', 'report_key', 'round'],
        isUnique: true,
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('escalation', 'uq_escalation_workflow_report_round');
    await queryRunner.query('DELETE FROM escalation WHERE round > 1');
    await queryRunner.createIndex(
      'escalation',
      new TableIndex({
        name: 'uq_escalation_workflow_report',
        columnNames: ['workflow_id', 'report_key'],
        isUnique: true,
      }),
    );
    await queryRunner.dropColumn('escalation', 'round');
    await queryRunner.dropColumn('organization', 'resubmission_days');
  }
}
