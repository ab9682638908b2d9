/**
 * On MySQL/MariaDB, TEXT holds 64 KB; a task submission, a report's draft and summary, and the
 * before/after of their audit entries can be larger (Thai is 3 bytes a character). They become
 * MEDIUMTEXT there (16 MB). SQLite's TEXT has no such limit; nothing changes on it. The entities
 * still say `text`: test/integration/plan-repository.spec.ts allows exactly these columns.
 */
import { MigrationInterface, QueryRunner } from 'typeorm';

export const MYSQL_MEDIUMTEXT_COLUMNS: Record<string, string[]> = {
  task: ['submission'],
  report: ['draft', 'summary'],
  audit_entry: ['before', 'after'],
};
const NOT_NULL = new Set(['report.draft']);

export class LargeTextOnMysql1732900000000 implements MigrationInterface {
  name = 'LargeTextOnMysql1732900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await this.retype(queryRunner, 'MEDIUMTEXT');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await this.retype(queryRunner, 'TEXT');
  }

  private async retype(queryRunner: QueryRunner, type: string): Promise<void> {
    if (queryRunner.connection.options.type === 'better-sqlite3') return;
    for (const [table, columns] of Object.entries(MYSQL_MEDIUMTEXT_COLUMNS)) {
      const changes = columns.map(
        (c) => `MODIFY \`${c}\` ${type} ${NOT_NULL.has(`${table}.${c}`) ? 'NOT NULL' : 'NULL'}`,
      );
      await queryRunner.query(`ALTER TABLE \`${table}\` ${changes.join(', ')}`);
    }
  }
}
