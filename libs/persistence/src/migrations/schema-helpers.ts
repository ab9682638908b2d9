/**
 * Column and table helpers for migrations, so one migration runs on SQLite and on MySQL/MariaDB
 * and yields exactly the schema the entities describe (checked by test/integration). Changing a
 * helper changes past migrations: add a new helper instead.
 */
import { QueryRunner, Table, TableColumnOptions } from 'typeorm';

export function schemaHelpers(queryRunner: QueryRunner) {
  const mysql = queryRunner.connection.options.type !== 'better-sqlite3';
  return {
    mysql,
    id: {
      name: 'id',
      type: 'integer',
      isPrimary: true,
      isGenerated: true,
      generationStrategy: 'increment',
    } as TableColumnOptions,
    int: (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
      name,
      type: mysql ? 'int' : 'integer',
      ...extra,
    }),
    bigint: (name: string): TableColumnOptions => ({ name, type: 'bigint' }),
    varchar: (name: string, length: number, nullable = false): TableColumnOptions => ({
      name,
      type: 'varchar',
      length: String(length),
      isNullable: nullable,
    }),
    text: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'text', isNullable: nullable }),
    boolean: (name: string): TableColumnOptions => ({ name, type: 'boolean', default: 0 }),
    timestamp: (name: string, onUpdate = false): TableColumnOptions =>
      mysql
        ? {
            name,
            type: 'datetime',
            precision: 6,
            default: 'CURRENT_TIMESTAMP(6)',
            onUpdate: onUpdate ? 'CURRENT_TIMESTAMP(6)' : undefined,
          }
        : { name, type: 'datetime', default: "datetime('now')" },
    /** Creates a table; on MySQL it is converted to utf8mb4 so Thai text is stored whole. */
    create: async (table: Table): Promise<void> => {
      await queryRunner.createTable(table);
      if (mysql)
        await queryRunner.query(
          `ALTER TABLE \`${table.name}\` CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
        );
    },
  };
}
