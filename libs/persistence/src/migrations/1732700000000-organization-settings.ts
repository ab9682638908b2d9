/** Per-organization escalation of cadences, and the settings a plan file gave. */
import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { schemaHelpers } from './schema-helpers';

export class OrganizationSettings1732700000000 implements MigrationInterface {
  name = 'OrganizationSettings1732700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { varchar, text } = schemaHelpers(queryRunner);
    await queryRunner.addColumn(
      'organization',
      new TableColumn({ ...varchar('escalate_cadences', 64), default: "'semiannual'" }),
    );
    await queryRunner.addColumn('plan', new TableColumn(text('organization_settings', true)));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('plan', 'organization_settings');
    await queryRunner.dropColumn('organization', 'escalate_cadences');
  }
}
