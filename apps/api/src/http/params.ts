/** Path and query parameters parsed into domain values, with errors that name the parameter. */
import { DomainError, DomainErrorCode } from '../../../../libs/domain/src/domain-error';

export function parseFiscalYear(raw: string): number {
  const value = Number(raw);
  if (!/^\d{4}$/.test(raw) || value < 2500 || value > 2700) {
    throw new DomainError(DomainErrorCode.InvalidArgument, `fiscalYear "${raw}" is not a Buddhist-era year such as 2565`,
      [{ path: 'fiscalYear', message: `"${raw}" is not a Buddhist-era year (2500–2700)` }]);
  }
  return value;
}

export function parseBoolean(name: string, raw: string | undefined): boolean {
  if (raw === undefined || raw === '' || raw === 'false' || raw === '0') return false;
  if (raw === 'true' || raw === '1') return true;
  throw new DomainError(DomainErrorCode.InvalidArgument, `${name} must be true or false`, [{ path: name, message: `"${raw}" is not true or false` }]);
}
