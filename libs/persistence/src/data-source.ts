/**
 * One TypeORM setup for both stores: SQLite (the embedded default, WAL mode so the api and the
 * worker can share the file) and MySQL/MariaDB (utf8mb4). Same entities, same migrations.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataSource, DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '@ita/config/app-config';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

export function dataSourceOptions(db: DatabaseConfig, flavor: 'mysql' | 'mariadb' = 'mysql'): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    logging: false,
  } as const;
  if (db.type === 'sqlite') {
    fs.mkdirSync(path.dirname(db.file), { recursive: true });
    return {
      ...common,
      type: 'better-sqlite3',
      database: db.file,
      enableWAL: true,
      prepareDatabase: (sqlite: { pragma(statement: string): unknown }) => {
        sqlite.pragma('busy_timeout = 10000');
        sqlite.pragma('foreign_keys = ON');
      },
    };
  }
  return {
    ...common,
    type: flavor,
    url: db.url,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    supportBigNumbers: true,
    poolSize: 10,
  };
}

/**
 * Opens the store and brings its schema up to date. On MySQL a named lock keeps replicas of the
 * api and the worker that start together from migrating at the same time.
 */
export async function openDatabase(db: DatabaseConfig): Promise<DataSource> {
  let dataSource = new DataSource(dataSourceOptions(db));
  await dataSource.initialize();
  if (db.type === 'mysql') {
    // TypeORM reads MariaDB's catalog correctly only when told it is MariaDB (column defaults
    // differ), so ask the server which it is rather than trusting the URL's scheme.
    const [{ version }] = await dataSource.query('SELECT VERSION() AS version');
    if (/mariadb/i.test(String(version))) {
      await dataSource.destroy();
      dataSource = new DataSource(dataSourceOptions(db, 'mariadb'));
      await dataSource.initialize();
    }
  }
  if (db.type === 'sqlite') {
    await dataSource.runMigrations({ transaction: 'each' });
    return dataSource;
  }
  const lock = dataSource.createQueryRunner();
  try {
    const [{ got }] = await lock.query("SELECT GET_LOCK('ita_migrations', 120) AS got");
    if (Number(got) !== 1) throw new Error('could not take the migration lock within 120 s');
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await lock.query("SELECT RELEASE_LOCK('ita_migrations')").catch(() => undefined);
    await lock.release();
  }
  return dataSource;
}
