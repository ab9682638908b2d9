/**
 * When an organization's webhook was registered, shown with it on its notification settings (the
 * secret itself is shown once, at registration). A webhook registered before has no date.
 */
import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { schemaHelpers } from './schema-helpers';

export class WebhookRegisteredAt1733750000000 implements MigrationInterface {
  name = 'WebhookRegisteredAt1733750000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { varchar } = schemaHelpers(queryRunner);
    await queryRunner.addColumn('organization', new TableColumn(varchar('webhook_registered_at', 32, true)));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('organization', 'webhook_registered_at');
  }
}
