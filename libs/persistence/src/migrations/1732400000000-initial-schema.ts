/**
 * Organizations, units, plans, ITA results and measures. Written with TypeORM's Table API so the
 * one migration runs on SQLite and on MySQL/MariaDB; test/integration checks that the migrated
 * schema matches the entities exactly on both.
 */
import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { schemaHelpers } from './schema-helpers';

export class InitialSchema1732400000000 implements MigrationInterface {
  name = 'InitialSchema1732400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { id, int, varchar, text: json, boolean, timestamp, create } = schemaHelpers(queryRunner);

    await create(
      new Table({
        name: 'organization',
        columns: [
          id,
          varchar('code', 32),
          varchar('name', 300),
          varchar('short_name', 100, true),
          varchar('name_en', 300, true),
          int('report_grace_days', { default: 15 }),
          int('escalation_interval_days', { default: 7 }),
          timestamp('created_at'),
          timestamp('updated_at', true),
        ],
        indices: [new TableIndex({ name: 'uq_organization_code', columnNames: ['code'], isUnique: true })],
      }),
    );
    await create(
      new Table({
        name: 'unit',
        columns: [
          id,
          int('organization_id'),
          varchar('code', 32),
          varchar('name', 300),
          varchar('name_en', 300, true),
          varchar('parent_code', 32, true),
        ],
        indices: [
          new TableIndex({ name: 'uq_unit_org_code', columnNames: ['organization_id', 'code'], isUnique: true }),
        ],
      }),
    );
    await create(
      new Table({
        name: 'plan',
        columns: [
          id,
          int('organization_id'),
          int('fiscal_year'),
          { ...varchar('status', 16), default: "'imported'" },
          varchar('content_hash', 64),
          int('revision', { default: 1 }),
          int('assessment_year', { isNullable: true }),
          json('overall_scores', true),
          json('unit_codes'),
          json('oversight'),
          json('source', true),
          json('corrections', true),
          timestamp('created_at'),
          timestamp('updated_at', true),
        ],
        indices: [
          new TableIndex({ name: 'uq_plan_org_year', columnNames: ['organization_id', 'fiscal_year'], isUnique: true }),
        ],
      }),
    );
    await create(
      new Table({
        name: 'ita_indicator',
        columns: [id, int('plan_id'), int('number'), varchar('name', 300), varchar('tool', 8), json('scores')],
        indices: [
          new TableIndex({ name: 'uq_ita_indicator_plan_number', columnNames: ['plan_id', 'number'], isUnique: true }),
        ],
      }),
    );
    await create(
      new Table({
        name: 'ita_item',
        columns: [
          id,
          int('plan_id'),
          varchar('code', 8),
          int('indicator'),
          varchar('text', 1000),
          { name: 'score', type: 'decimal', precision: 5, scale: 2, isNullable: true },
          varchar('grade', 4, true),
          json('sub_items', true),
        ],
        indices: [new TableIndex({ name: 'uq_ita_item_plan_code', columnNames: ['plan_id', 'code'], isUnique: true })],
      }),
    );
    await create(
      new Table({
        name: 'measure',
        columns: [
          id,
          int('plan_id'),
          varchar('code', 32),
          int('seq'),
          varchar('title', 1000),
          varchar('stakeholder_group', 16),
          varchar('priority', 16),
          int('indicator'),
          boolean('incomplete'),
          json('items'),
          json('steps'),
          json('responsible_units'),
          varchar('responsible_text', 1000, true),
          json('monitoring_guidelines'),
          json('reporting'),
          json('notes', true),
        ],
        indices: [new TableIndex({ name: 'uq_measure_plan_code', columnNames: ['plan_id', 'code'], isUnique: true })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['measure', 'ita_item', 'ita_indicator', 'plan', 'unit', 'organization']) {
      await queryRunner.dropTable(table);
    }
  }
}
