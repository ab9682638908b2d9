/**
 * Answers to commands sent with an Idempotency-Key. On MySQL/MariaDB the stored body is
 * MEDIUMTEXT (an amended measure's whole state can pass TEXT's 64 KB); the entity says `text`
 * as for the columns of 1732900000000, and test/integration allows exactly these.
 */
import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { schemaHelpers } from './schema-helpers';

export const MYSQL_MEDIUMTEXT_IDEMPOTENCY_COLUMNS: Record<string, string[]> = { idempotency_record: ['response_body'] };

export class IdempotencyRecords1733100000000 implements MigrationInterface {
  name = 'IdempotencyRecords1733100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { id, int, varchar, text, create, mysql } = schemaHelpers(queryRunner);
    await create(
      new Table({
        name: 'idempotency_record',
        columns: [
          id,
          int('organization_id'),
          int('user_id'),
          varchar('idempotency_key', 200),
          varchar('route', 300),
          varchar('fingerprint', 64),
          varchar('state', 16),
          varchar('claim_token', 36),
          varchar('claimed_at', 32),
          int('response_status', { isNullable: true }),
          text('response_body', true),
          varchar('created_at', 32),
          varchar('completed_at', 32, true),
        ],
        indices: [
          new TableIndex({
            name: 'uq_idempotency_key',
            columnNames: ['organization_id', 'user_id', 'idempotency_key'],
            isUnique: true,
          }),
        ],
      }),
    );
    if (mysql) await queryRunner.query('ALTER TABLE `idempotency_record` MODIFY `response_body` MEDIUMTEXT NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('idempotency_record');
  }
}
