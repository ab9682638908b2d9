/** Hash-chains the audit trail per organization (tamper evidence). */
import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { schemaHelpers } from './schema-helpers';

export class AuditChain1732800000000 implements MigrationInterface {
  name = 'AuditChain1732800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { int, varchar, create } = schemaHelpers(queryRunner);
    await queryRunner.addColumns('audit_entry', [
      new TableColumn(int('chain_seq', { isNullable: true })),
      new TableColumn(varchar('prev_hash', 64, true)),
      new TableColumn(varchar('hash', 64, true)),
    ]);
    await queryRunner.createIndex(
      'audit_entry',
      new TableIndex({ name: 'uq_audit_chain', columnNames: ['organization_id', 'chain_seq'], isUnique: true }),
    );
    await create(
      new Table({
        name: 'audit_chain_head',
        columns: [int('organization_id', { isPrimary: true }), int('last_seq'), varchar('last_hash', 64)],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('audit_chain_head');
    await queryRunner.dropIndex('audit_entry', 'uq_audit_chain');
    for (const column of ['hash', 'prev_hash', 'chain_seq']) await queryRunner.dropColumn('audit_entry', column);
  }
}
