/**
 * Step owners and reporting lines (docs/plan-file-format.md): a measure may name its lead unit,
 * and a report says to whom it goes (null: the Director or his delegate, as every report before).
 * Step owners and a line's `from` live in the measure's steps and reporting JSON.
 */
import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { schemaHelpers } from './schema-helpers';

export class StepOwners1733300000000 implements MigrationInterface {
  name = 'StepOwners1733300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { varchar } = schemaHelpers(queryRunner);
    await queryRunner.addColumn('measure', new TableColumn(varchar('lead_unit', 32, true)));
    await queryRunner.addColumn('report', new TableColumn(varchar('recipient', 32, true)));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('report', 'recipient');
    await queryRunner.dropColumn('measure', 'lead_unit');
  }
}
