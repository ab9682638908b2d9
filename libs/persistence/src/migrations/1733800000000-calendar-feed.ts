/** Personal calendar feeds: one token hash per person (entities/calendar-feed.entity.ts). */
import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { schemaHelpers } from './schema-helpers';

export class CalendarFeed1733800000000 implements MigrationInterface {
  name = 'CalendarFeed1733800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { id, int, varchar, create } = schemaHelpers(queryRunner);
    await create(
      new Table({
        name: 'calendar_feed_token',
        columns: [
          id,
          int('user_id'),
          varchar('token_hash', 64),
          varchar('created_at', 32),
          varchar('revoked_at', 32, true),
        ],
        indices: [
          new TableIndex({ name: 'uq_calendar_feed_user', columnNames: ['user_id'], isUnique: true }),
          new TableIndex({ name: 'uq_calendar_feed_hash', columnNames: ['token_hash'], isUnique: true }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('calendar_feed_token');
  }
}
