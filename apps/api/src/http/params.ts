/** Path and query parameters parsed into domain values, with errors that name the parameter. */
import { DomainError, DomainErrorCode } from '@ita/domain/domain-error';
import { CODE_PATTERN } from '@ita/domain/plan/plan.types';
import type { OrganizationEntity } from '@ita/persistence/entities';
import type { PlanRepository, StoredPlan } from '@ita/persistence/plan.repository';

/** The organization a request names, or a 404 naming the `organization` parameter. */
export async function requireOrganization(plans: PlanRepository, code: string): Promise<OrganizationEntity> {
  const org = await plans.findOrganization(code);
  if (!org)
    throw new DomainError(DomainErrorCode.OrganizationNotFound, `no organization "${code}"`, [
      { path: 'organization', message: `"${code}" not found` },
    ]);
  return org;
}

/** An optional code parameter (unit, measure): absent, or a valid code. */
/** The year's stored plan, or a 404 naming the `organization` or the `fiscalYear` parameter. */
export async function requireStoredPlan(
  plans: PlanRepository,
  organizationCode: string,
  fiscalYear: number,
): Promise<StoredPlan> {
  const stored = await plans.loadPlan(organizationCode, fiscalYear);
  if (stored) return stored;
  await requireOrganization(plans, organizationCode);
  throw new DomainError(
    DomainErrorCode.PlanNotFound,
    `organization ${organizationCode} has no plan for fiscal year ${fiscalYear}`,
    [{ path: 'fiscalYear', message: `no plan for ${fiscalYear}` }],
  );
}

export function parseCode(name: string, raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (!CODE_PATTERN.test(raw))
    throw new DomainError(DomainErrorCode.InvalidArgument, `${name} must be a code`, [
      { path: name, message: `"${raw}" is not a code` },
    ]);
  return raw;
}

export function parseFiscalYear(raw: string, name = 'fiscalYear'): number {
  const value = Number(raw);
  if (!/^\d{4}$/.test(raw) || value < 2500 || value > 2700) {
    throw new DomainError(DomainErrorCode.InvalidArgument, `${name} "${raw}" is not a Buddhist-era year such as 2565`, [
      { path: name, message: `"${raw}" is not a Buddhist-era year (2500–2700)` },
    ]);
  }
  return value;
}

export function parseBoolean(name: string, raw: string | undefined): boolean {
  if (raw === undefined || raw === '' || raw === 'false' || raw === '0') return false;
  if (raw === 'true' || raw === '1') return true;
  throw new DomainError(DomainErrorCode.InvalidArgument, `${name} must be true or false`, [
    { path: name, message: `"${raw}" is not true or false` },
  ]);
}

export function parseIntParam(
  name: string,
  raw: string | undefined,
  min: number,
  max: number,
  fallback?: number,
): number | undefined {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new DomainError(DomainErrorCode.InvalidArgument, `${name} must be a whole number from ${min} to ${max}`, [
      { path: name, message: `"${raw}" is not a whole number from ${min} to ${max}` },
    ]);
  }
  return value;
}

export function parseOptionalBoolean(name: string, raw: string | undefined): boolean | undefined {
  return raw === undefined || raw === '' ? undefined : parseBoolean(name, raw);
}

/** A comma-separated list whose every entry must be one of `allowed`. */
export function parseList<T extends string>(
  name: string,
  raw: string | undefined,
  allowed: readonly T[],
): T[] | undefined {
  if (raw === undefined || raw === '') return undefined;
  const values = raw.split(',').map((v) => v.trim());
  const bad = values.filter((v) => !allowed.includes(v as T));
  if (bad.length) {
    throw new DomainError(DomainErrorCode.InvalidArgument, `${name} must be from ${allowed.join(', ')}`, [
      { path: name, message: `${bad.map((b) => `"${b}"`).join(', ')} not allowed` },
    ]);
  }
  return values as T[];
}

/** A calendar date YYYY-MM-DD (Gregorian; a Buddhist-era year is named as the mistake it is). */
export function parseDate(name: string, raw: unknown): string;
export function parseDate(name: string, raw: unknown, optional: boolean): string | undefined;
export function parseDate(name: string, raw: unknown, optional = false): string | undefined {
  if (optional && (raw === undefined || raw === null || raw === '')) return undefined;
  const fail = (message: string) =>
    new DomainError(DomainErrorCode.InvalidArgument, `${name} ${message}`, [{ path: name, message }]);
  const text = typeof raw === 'string' ? raw : '';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) throw fail('must be a date YYYY-MM-DD');
  const [y, m, d] = match.slice(1).map(Number);
  if (y > 2400)
    throw fail(`${raw} looks like a Buddhist-era year; send the Gregorian date (${y - 543}-${match[2]}-${match[3]})`);
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    throw fail(`${raw} is not a date`);
  return text;
}
