/** The project's pinned server binaries (Temporal, Mailpit) for tests started as processes. */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

/**
 * The pinned binary from the environment, else from the project's own script (which builds or
 * fetches it into the cache once); undefined when neither has it (Temporal's SDK then downloads its own).
 */
export function pinnedBinary(variable: string, scriptFunction: string): string | undefined {
  if (process.env[variable]) return process.env[variable];
  try {
    const root = path.resolve(__dirname, '../..');
    const found = execFileSync('bash', ['-c', `source scripts/lib.sh && ${scriptFunction}`], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    }).trim();
    process.env[variable] = found;
    return found || undefined;
  } catch {
    return undefined;
  }
}
