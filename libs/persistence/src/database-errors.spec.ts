import { QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable } from './database-errors';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe(isDatabaseUnavailable.name, () => {
  it('recognizes an unreachable, lost or closed MySQL/MariaDB connection, however it is wrapped', () => {
    const refused = withCode('connect ECONNREFUSED 127.0.0.1:3306', 'ECONNREFUSED');
    const lost = withCode('Connection lost: The server closed the connection.', 'PROTOCOL_CONNECTION_LOST');
    expect(isDatabaseUnavailable(refused)).toBe(true);
    expect(isDatabaseUnavailable(lost)).toBe(true);
    expect(isDatabaseUnavailable(new QueryFailedError('SELECT 1', [], lost))).toBe(true);
    expect(isDatabaseUnavailable(new Error('query failed', { cause: refused }))).toBe(true);
    expect(isDatabaseUnavailable(new AggregateError([refused], 'all attempts failed'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Pool is closed.'))).toBe(true);
    expect(isDatabaseUnavailable(new Error("Can't add new command when connection is in closed state"))).toBe(true);
    expect(isDatabaseUnavailable(withCode('Server shutdown in progress', 'ER_SERVER_SHUTDOWN'))).toBe(true);
    expect(isDatabaseUnavailable(withCode('database is locked', 'SQLITE_BUSY'))).toBe(true);
    expect(isDatabaseUnavailable(new TypeError('The database connection is not open'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection is not established with mysql database'))).toBe(true);
  });

  it('leaves the errors of a wrong query or of the code itself alone (they stay 500s: bugs)', () => {
    expect(
      isDatabaseUnavailable(new QueryFailedError('SELECT x', [], withCode("Unknown column 'x'", 'ER_BAD_FIELD_ERROR'))),
    ).toBe(false);
    expect(isDatabaseUnavailable(withCode("Duplicate entry '1' for key 'PRIMARY'", 'ER_DUP_ENTRY'))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
    expect(isDatabaseUnavailable('Connection lost')).toBe(false);
  });

  it('does not loop on an error that is its own cause', () => {
    const e = new Error('odd') as Error & { cause?: unknown };
    e.cause = e;
    expect(isDatabaseUnavailable(e)).toBe(false);
  });
});
