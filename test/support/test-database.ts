/**
 * A fresh, real database for one test suite: a temporary SQLite file by default, or a new
 * utf8mb4 database on the MySQL/MariaDB server named by TEST_DATABASE_URL (dropped afterwards).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { DatabaseConfig } from '@ita/config/app-config';

export interface TestDatabase {
  config: DatabaseConfig;
  /** DATABASE_URL form of the same database, for processes and apps that read the environment. */
  url: string;
  drop(): Promise<void>;
}

export function testDatabaseKind(): 'sqlite' | 'mysql' {
  return /^(mysql|mariadb):/.test(process.env.TEST_DATABASE_URL ?? '') ? 'mysql' : 'sqlite';
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const server = process.env.TEST_DATABASE_URL;
  if (testDatabaseKind() === 'mysql' && server) {
    const mysql = await import('mysql2/promise');
    const base = new URL(server.replace(/^mariadb:/, 'mysql:'));
    const name = `ita_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    base.pathname = '/';
    const admin = await mysql.createConnection(base.toString());
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await admin.end();
    const url = new URL(base.toString());
    url.pathname = `/${name}`;
    return {
      config: {
        type: 'mysql',
        url: url.toString(),
        host: url.hostname,
        port: Number(url.port || 3306),
        database: name,
      },
      url: url.toString(),
      drop: async () => {
        const conn = await mysql.createConnection(base.toString());
        await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
        await conn.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ita-test-'));
  const file = path.join(dir, 'ita.sqlite');
  return {
    config: { type: 'sqlite', file },
    url: `sqlite:${file}`,
    drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
