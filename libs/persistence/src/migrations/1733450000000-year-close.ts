/**
 * Closing a fiscal year: an escalation may end without its report (the year closed); its
 * `resolved_at` then says when it ended, and `end_reason` why ("year closed"). Null: resolved
 * by the report, or still open. (Tasks' and reports' final statuses, and a plan's `closed`, fit
 * the status columns as they are.)
 */
import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { schemaHelpers } from './schema-helpers';

export class YearClose1733450000000 implements MigrationInterface {
  name = 'YearClose1733450000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { varchar } = schemaHelpers(queryRunner);
    await queryRunner.addColumn('escalation', new TableColumn(varchar('end_reason', 64, true)));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('escalation', 'end_reason');
  }
}
