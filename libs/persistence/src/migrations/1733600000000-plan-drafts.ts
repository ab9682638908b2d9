/**
 * Plan drafts: revisions of a plan written in the app and reviewed before they are stored. The
 * document (a whole plan) and the diff kept at approval are MEDIUMTEXT on MySQL/MariaDB (the
 * seed's plan alone is 105 KB); the entity says `simple-json` (text), and
 * test/integration/plan-repository.spec.ts allows exactly these columns.
 */
import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { schemaHelpers } from './schema-helpers';

export const MYSQL_MEDIUMTEXT_DRAFT_COLUMNS: Record<string, string[]> = {
  plan_draft: ['document', 'approved_changes'],
};

export class PlanDrafts1733600000000 implements MigrationInterface {
  name = 'PlanDrafts1733600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { id, int, varchar, text, create, mysql } = schemaHelpers(queryRunner);
    const who = (name: string, nullable = false) => [
      varchar(`${name}_by`, 100, nullable),
      varchar(`${name}_at`, 32, nullable),
    ];
    await create(
      new Table({
        name: 'plan_draft',
        columns: [
          id,
          int('organization_id'),
          int('fiscal_year'),
          varchar('status', 16),
          int('revision'),
          text('document'),
          varchar('content_hash', 64),
          varchar('source', 16),
          int('base_revision', { isNullable: true }),
          varchar('base_hash', 64, true),
          ...who('created'),
          ...who('updated'),
          ...who('submitted', true),
          ...who('returned', true),
          varchar('return_comment', 4000, true),
          ...who('approved', true),
          varchar('approved_authority', 300, true),
          varchar('approval_comment', 4000, true),
          int('approved_revision', { isNullable: true }),
          text('approved_changes', true),
          ...who('discarded', true),
        ],
        indices: [
          new TableIndex({
            name: 'ix_plan_draft_org_year',
            columnNames: ['organization_id', 'fiscal_year', 'status'],
          }),
        ],
      }),
    );
    if (mysql)
      await queryRunner.query(
        'ALTER TABLE `plan_draft` MODIFY `document` MEDIUMTEXT NOT NULL, MODIFY `approved_changes` MEDIUMTEXT NULL',
      );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('plan_draft');
  }
}
