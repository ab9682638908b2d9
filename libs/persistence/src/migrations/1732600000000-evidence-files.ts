/** Uploaded evidence files (metadata; the bytes are in the evidence store). */
import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { schemaHelpers } from './schema-helpers';

export class EvidenceFiles1732600000000 implements MigrationInterface {
  name = 'EvidenceFiles1732600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { int, varchar, create } = schemaHelpers(queryRunner);
    await create(
      new Table({
        name: 'evidence_file',
        columns: [
          { ...varchar('id', 36), isPrimary: true },
          int('organization_id'),
          varchar('sha256', 64),
          varchar('name', 300),
          varchar('content_type', 100),
          int('size'),
          varchar('uploaded_by', 100),
          varchar('uploaded_at', 32),
        ],
        indices: [new TableIndex({ name: 'ix_evidence_org', columnNames: ['organization_id', 'uploaded_at'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('evidence_file');
  }
}
