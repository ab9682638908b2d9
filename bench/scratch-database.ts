/** A throwaway database for a benchmark: a new SQLite file, or a new database on the given MySQL/MariaDB server. */
import * as path from 'node:path';
import { DatabaseConfig, loadConfig } from '@ita/config/app-config';

export async function scratchDatabaseUrl(
  serverUrl: string | undefined,
  tmp: string,
): Promise<{ url: string; config: DatabaseConfig; drop: () => Promise<void> }> {
  if (!serverUrl || !/^(mysql|mariadb):/.test(serverUrl)) {
    const url = `sqlite:${path.join(tmp, 'bench.sqlite')}`;
    return { url, config: loadConfig({ DATABASE_URL: url }).database, drop: async () => undefined };
  }
  const mysql = await import('mysql2/promise');
  const server = new URL(serverUrl.replace(/^mariadb:/, 'mysql:'));
  server.pathname = '/';
  const name = `ita_bench_${process.pid}`;
  const admin = await mysql.createConnection(server.toString());
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const url = new URL(server.toString());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    config: loadConfig({ DATABASE_URL: url.toString() }).database,
    drop: async () => {
      await admin.query(`DROP DATABASE \`${name}\``);
      await admin.end();
    },
  };
}
