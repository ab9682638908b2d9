/**
 * Accounts and standing delegations loaded from an accounts file (the operator's tool, used by
 * the accounts command; the embedded default loads the seed organization's demo accounts).
 * Loading is idempotent: an account already as described is left alone (its password too), so
 * running it on every start signs nobody out.
 */
import { DELEGATION_KINDS, ROLES } from '@ita/domain/access/actor';
import type { Grant, UserRole } from '@ita/domain/access/actor';
import { Injectable } from '@nestjs/common';
import { DomainError, DomainErrorCode, FieldProblem } from '@ita/domain/domain-error';
import type { UserAccountEntity } from '@ita/persistence/entities';
import { IdentityRepository } from '@ita/persistence/identity.repository';
import { PlanRepository } from '@ita/persistence/plan.repository';
import { USERNAME_PATTERN } from './auth.schemas';
import { hashPassword, passwordProblem } from './passwords';

/** An address as mail servers take it: something@domain.tld, no spaces (the server has the last word). */
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface AccountsFile {
  organization: string;
  /** Password given to accounts created from this file (demonstrations only); else ITA_INITIAL_PASSWORD. */
  demoPassword?: string;
  accounts: Array<{
    username: string;
    displayName: string;
    role: string;
    unitCode?: string | null;
    email?: string | null;
  }>;
  delegations?: Array<{
    kind: string;
    delegator: string;
    delegate: string;
    unitCode?: string | null;
    startsOn: string;
    endsOn?: string | null;
    reason: string;
  }>;
}

export interface LoadResult {
  created: string[];
  updated: string[];
  unchanged: string[];
  delegationsCreated: number;
}

@Injectable()
export class AccountService {
  constructor(
    private readonly identity: IdentityRepository,
    private readonly plans: PlanRepository,
  ) {}

  async load(file: AccountsFile, operator: string, initialPassword?: string): Promise<LoadResult> {
    const org = await this.plans.findOrganization(file.organization);
    if (!org)
      throw new DomainError(
        DomainErrorCode.OrganizationNotFound,
        `no organization "${file.organization}": import its plan first`,
        [{ path: 'organization', message: 'not found' }],
      );
    const units = new Set((await this.plans.listUnits(org.id)).map((u) => u.code));
    const problems: FieldProblem[] = [];
    const password = file.demoPassword ?? initialPassword;
    (file.accounts ?? []).forEach((a, i) => {
      const at = (field: string, message: string) => problems.push({ path: `accounts[${i}].${field}`, message });
      if (typeof a.username !== 'string' || !USERNAME_PATTERN.test(a.username))
        at('username', 'must be letters, digits, . _ @ - (at most 100)');
      else if (file.accounts.findIndex((b) => b.username === a.username) !== i)
        at('username', `${a.username} is listed twice`);
      if (typeof a.displayName !== 'string' || !a.displayName.trim() || a.displayName.length > 200)
        at('displayName', 'is required (at most 200)');
      if (!ROLES.includes(a.role as (typeof ROLES)[number])) at('role', `must be one of ${ROLES.join(', ')}`);
      const unitRole = a.role === 'unit-staff' || a.role === 'unit-head';
      if (unitRole && !units.has(a.unitCode ?? ''))
        at('unitCode', `must be a unit of ${org.code} (${[...units].join(', ')})`);
      if (!unitRole && a.unitCode) at('unitCode', `a ${a.role} has no unit`);
      if (a.email != null && (typeof a.email !== 'string' || !EMAIL_PATTERN.test(a.email) || a.email.length > 254))
        at('email', 'must be an e-mail address (at most 254)');
    });
    (file.delegations ?? []).forEach((d, i) => {
      if (!DELEGATION_KINDS.includes(d.kind as (typeof DELEGATION_KINDS)[number]))
        problems.push({ path: `delegations[${i}].kind`, message: `must be one of ${DELEGATION_KINDS.join(', ')}` });
      if (!/^\d{4}-\d{2}-\d{2}$/.test(d.startsOn) || (d.endsOn && !/^\d{4}-\d{2}-\d{2}$/.test(d.endsOn)))
        problems.push({ path: `delegations[${i}].startsOn`, message: 'dates are YYYY-MM-DD' });
      if (!file.accounts.some((a) => a.username === d.delegate))
        problems.push({ path: `delegations[${i}].delegate`, message: 'must be an account of this file' });
    });
    const stored = new Map<string, UserAccountEntity | null>();
    for (const a of file.accounts ?? []) stored.set(a.username, await this.identity.findUser(a.username));
    const newcomers = [...stored].filter(([, user]) => !user).map(([username]) => username);
    if (newcomers.length && passwordProblem(password))
      problems.push({
        path: 'demoPassword',
        message: `new accounts need an initial password (ITA_INITIAL_PASSWORD) that ${passwordProblem(password)}`,
      });
    if (problems.length)
      throw new DomainError(
        DomainErrorCode.InvalidArgument,
        'the accounts file was not loaded; nothing was changed',
        problems,
      );

    const result: LoadResult = { created: [], updated: [], unchanged: [], delegationsCreated: 0 };
    const by = { id: `operator:${operator}`, role: 'operator' };
    const hash = newcomers.length && typeof password === 'string' ? await hashPassword(password) : null;
    for (const a of file.accounts) {
      const existing = stored.get(a.username) ?? null;
      const unitCode = a.unitCode ?? null;
      const email = a.email ?? null;
      if (existing && existing.organizationId !== org.id) {
        throw new DomainError(DomainErrorCode.Conflict, `username ${a.username} belongs to another organization`, [
          { path: 'username', message: 'taken' },
        ]);
      }
      if (
        existing &&
        existing.active &&
        existing.displayName === a.displayName &&
        existing.role === a.role &&
        existing.unitCode === unitCode &&
        existing.email === email
      ) {
        result.unchanged.push(a.username);
        continue;
      }
      await this.identity.saveUser(
        org,
        {
          username: a.username,
          displayName: a.displayName,
          role: a.role as UserRole, // checked against ROLES above
          unitCode,
          email,
          passwordHash: existing?.passwordHash ?? hash,
        },
        by,
      );
      (existing ? result.updated : result.created).push(a.username);
    }
    const standing = await this.identity.listDelegations(org.id);
    for (const d of file.delegations ?? []) {
      const same = standing.some(
        (s) =>
          !s.revokedAt &&
          s.kind === d.kind &&
          s.delegate === d.delegate &&
          s.unitCode === (d.unitCode ?? null) &&
          s.startsOn === d.startsOn,
      );
      if (same) continue;
      await this.identity.createDelegation(
        org,
        {
          kind: d.kind as Grant['kind'],
          unitCode: d.unitCode ?? null,
          delegator: d.delegator,
          delegate: d.delegate,
          startsOn: d.startsOn,
          endsOn: d.endsOn ?? null,
          reason: d.reason,
        },
        by,
      );
      result.delegationsCreated += 1;
    }
    return result;
  }

  /** Sets a password (and signs the account out everywhere). */
  async setPassword(username: string, password: string, operator: string): Promise<void> {
    const problem = passwordProblem(password);
    if (problem)
      throw new DomainError(DomainErrorCode.InvalidArgument, `the password ${problem}`, [
        { path: 'password', message: problem },
      ]);
    const user = await this.identity.findUser(username);
    if (!user)
      throw new DomainError(DomainErrorCode.NotFound, `no account ${username}`, [
        { path: 'username', message: 'not found' },
      ]);
    const org = await this.plans.findOrganizationById(user.organizationId);
    await this.identity.saveUser(
      org!,
      {
        username,
        displayName: user.displayName,
        role: user.role,
        unitCode: user.unitCode,
        passwordHash: await hashPassword(password),
      },
      { id: `operator:${operator}`, role: 'operator' },
    );
  }
}
