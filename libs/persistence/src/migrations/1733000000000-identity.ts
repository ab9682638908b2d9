/** Users, dated delegations, refresh tokens and login throttling; escalation assignee; audit authority; evidence unit. */
import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { schemaHelpers } from './schema-helpers';

export class Identity1733000000000 implements MigrationInterface {
  name = 'Identity1733000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { id, int, varchar, boolean, create } = schemaHelpers(queryRunner);
    const index = (name: string, columnNames: string[], isUnique = false) =>
      new TableIndex({ name, columnNames, isUnique });
    await create(
      new Table({
        name: 'user_account',
        columns: [
          id,
          int('organization_id'),
          varchar('username', 100),
          varchar('display_name', 200),
          varchar('role', 32),
          varchar('unit_code', 32, true),
          varchar('password_hash', 200, true),
          varchar('oidc_issuer', 300, true),
          varchar('oidc_subject', 200, true),
          { ...boolean('active'), default: 1 },
          int('token_version', { default: 0 }),
          varchar('created_at', 32),
        ],
        indices: [
          index('uq_user_username', ['username'], true),
          index('uq_user_oidc', ['oidc_issuer', 'oidc_subject'], true),
          index('ix_user_org', ['organization_id', 'role']),
        ],
      }),
    );
    await create(
      new Table({
        name: 'delegation',
        columns: [
          id,
          int('organization_id'),
          varchar('kind', 16),
          varchar('unit_code', 32, true),
          varchar('delegator', 100),
          varchar('delegate', 100),
          varchar('starts_on', 10),
          varchar('ends_on', 10, true),
          varchar('reason', 1000),
          varchar('created_by', 100),
          varchar('created_at', 32),
          varchar('revoked_at', 32, true),
          varchar('revoked_by', 100, true),
        ],
        indices: [index('ix_delegation_org', ['organization_id', 'kind', 'starts_on'])],
      }),
    );
    await create(
      new Table({
        name: 'refresh_token',
        columns: [
          { ...varchar('id', 36), isPrimary: true },
          int('user_id'),
          varchar('family', 36),
          varchar('token_hash', 64),
          varchar('expires_at', 32),
          varchar('used_at', 32, true),
          varchar('revoked_at', 32, true),
        ],
        indices: [index('ix_refresh_family', ['family'])],
      }),
    );
    await create(
      new Table({
        name: 'login_throttle',
        columns: [
          { ...varchar('throttle_key', 200), isPrimary: true },
          int('failures'),
          varchar('window_started_at', 32),
          varchar('locked_until', 32, true),
        ],
      }),
    );
    await queryRunner.addColumn('escalation', new TableColumn(varchar('assignee', 100, true)));
    await queryRunner.addColumn('audit_entry', new TableColumn(varchar('authority', 300, true)));
    await queryRunner.addColumn('evidence_file', new TableColumn(varchar('unit_code', 32, true)));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('evidence_file', 'unit_code');
    await queryRunner.dropColumn('audit_entry', 'authority');
    await queryRunner.dropColumn('escalation', 'assignee');
    for (const table of ['login_throttle', 'refresh_token', 'delegation', 'user_account'])
      await queryRunner.dropTable(table);
  }
}
