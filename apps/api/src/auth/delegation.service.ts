/**
 * Delegation of authority as dated data: the Director hands oversight (report approval, the
 * escalation queue) to a Deputy Director for a range of days; the Director or a unit head names
 * an acting head for a unit. Every delegation and revocation goes into the audit chain.
 *
 * Under an Idempotency-Key, the answer is stored in the same transaction as the delegation (or
 * revocation) and its audit entry: either both are committed or neither, so a retry after a
 * crash either replays the answer or runs on a store where nothing happened. (Keeping the key on
 * the delegation row instead would have needed a second copy of the answer's rules for revoke.)
 */
import { Injectable } from '@nestjs/common';
import { bangkokDate, delegationInForce } from '@ita/domain/access/authority';
import { DomainError, DomainErrorCode } from '@ita/domain/domain-error';
import type { DelegationEntity, OrganizationEntity } from '@ita/persistence/entities';
import { IdentityRepository } from '@ita/persistence/identity.repository';
import { PlanRepository } from '@ita/persistence/plan.repository';
import type { IdempotencyClaim } from '../idempotency/idempotency.service';
import type { Principal } from './access';
import type { z } from 'zod';
import type { DelegationBody } from './auth.schemas';

const fail = (code: DomainErrorCode, path: string, message: string) =>
  new DomainError(code, message, [{ path, message }]);

@Injectable()
export class DelegationService {
  constructor(
    private readonly identity: IdentityRepository,
    private readonly plans: PlanRepository,
  ) {}

  async list(p: Principal, activeOnly: boolean) {
    const now = Date.now();
    const rows = await this.identity.listDelegations(p.organizationId);
    const inForce = (d: DelegationEntity) => delegationInForce(d, now);
    return rows.filter((d) => !activeOnly || inForce(d)).map((d) => ({ ...view(d), inForce: inForce(d) }));
  }

  async create(p: Principal, body: z.output<typeof DelegationBody>, claim?: IdempotencyClaim) {
    const { kind } = body;
    // Who may delegate what comes first: nothing else is looked at for someone who may not.
    const unitCode = kind === 'unit-head' ? (body.unitCode ?? null) : null;
    if (kind === 'oversight' && p.role !== 'director')
      throw fail(DomainErrorCode.Forbidden, 'kind', "only the Director delegates the Director's oversight");
    if (
      kind === 'unit-head' &&
      p.role !== 'director' &&
      !(p.role === 'unit-head' && (unitCode === null || p.unitCode === unitCode))
    ) {
      throw fail(
        DomainErrorCode.Forbidden,
        'unitCode',
        `only the Director, or the head of ${unitCode ?? 'the unit'}, names its acting head`,
      );
    }
    const delegateName = body.delegate.trim();
    const { startsOn } = body;
    const endsOn = body.endsOn ?? null;
    const reason = body.reason.trim();
    if (endsOn !== null && endsOn < startsOn)
      throw fail(DomainErrorCode.InvalidArgument, 'endsOn', `${endsOn} is before startsOn ${startsOn}`);
    if (endsOn !== null && endsOn < bangkokDate(Date.now()))
      throw fail(
        DomainErrorCode.InvalidArgument,
        'endsOn',
        `${endsOn} is already past; a delegation must still be in force or to come`,
      );

    const delegate = await this.identity.findUser(delegateName);
    if (!delegate || delegate.organizationId !== p.organizationId || !delegate.active) {
      throw fail(
        DomainErrorCode.InvalidArgument,
        'delegate',
        `"${delegateName}" is not an active account of ${p.organizationCode}`,
      );
    }
    if (delegate.username === p.id)
      throw fail(DomainErrorCode.InvalidArgument, 'delegate', 'you cannot delegate to yourself');
    const org = await this.organization(p);
    let delegator = p.id;
    if (kind === 'oversight') {
      if (body.unitCode !== undefined && body.unitCode !== null)
        throw fail(
          DomainErrorCode.InvalidArgument,
          'unitCode',
          'an oversight delegation is for the whole organization; leave unitCode out',
        );
      if (delegate.role !== 'deputy-director')
        throw fail(
          DomainErrorCode.InvalidArgument,
          'delegate',
          `oversight goes to a Deputy Director; ${delegate.username} is ${delegate.role}`,
        );
    } else {
      if (!unitCode)
        throw fail(DomainErrorCode.InvalidArgument, 'unitCode', 'name the unit the acting head stands in for');
      const units = await this.plans.listUnits(p.organizationId);
      if (!units.some((u) => u.code === unitCode))
        throw fail(DomainErrorCode.InvalidArgument, 'unitCode', `${p.organizationCode} has no unit ${unitCode}`);
      if (delegate.role !== 'unit-staff' && delegate.role !== 'unit-head')
        throw fail(
          DomainErrorCode.InvalidArgument,
          'delegate',
          `an acting unit head must be unit staff or a unit head; ${delegate.username} is ${delegate.role}`,
        );
      if (delegate.role === 'unit-head' && delegate.unitCode === unitCode)
        throw fail(DomainErrorCode.InvalidArgument, 'delegate', `${delegate.username} already heads ${unitCode}`);
      if (p.role === 'director') {
        const head = (await this.identity.listUsers(p.organizationId)).find(
          (u) => u.role === 'unit-head' && u.unitCode === unitCode && u.active,
        );
        delegator = head?.username ?? p.id;
      }
    }
    const saved = await this.identity.createDelegation(
      org,
      { kind, unitCode, delegator, delegate: delegate.username, startsOn, endsOn, reason },
      { id: p.id, role: p.role, unitCode: p.unitCode },
      claim && ((em, d) => claim.completeWithin(em, view(d))),
    );
    return view(saved);
  }

  async revoke(p: Principal, rawId: string, claim?: IdempotencyClaim) {
    const id = Number(rawId);
    if (!/^\d{1,9}$/.test(rawId))
      throw fail(DomainErrorCode.InvalidArgument, 'id', `"${rawId}" is not a delegation number`);
    const existing = await this.identity.findDelegation(p.organizationId, id);
    if (!existing) throw fail(DomainErrorCode.NotFound, 'id', `no delegation ${id} in ${p.organizationCode}`);
    if (p.role !== 'director' && existing.createdBy !== p.id)
      throw fail(DomainErrorCode.Forbidden, 'id', 'only the Director or whoever made the delegation can revoke it');
    const revoked = await this.identity.revokeDelegation(
      await this.organization(p),
      id,
      { id: p.id, role: p.role, unitCode: p.unitCode },
      claim && ((em, d) => claim.completeWithin(em, view(d))),
    );
    if (!revoked) throw fail(DomainErrorCode.Conflict, 'id', `delegation ${id} is already revoked`);
    return view(revoked);
  }

  private async organization(p: Principal): Promise<OrganizationEntity> {
    return (await this.plans.findOrganizationById(p.organizationId)) as OrganizationEntity;
  }
}

function view(d: DelegationEntity) {
  return {
    id: d.id,
    kind: d.kind,
    unitCode: d.unitCode,
    delegator: d.delegator,
    delegate: d.delegate,
    startsOn: d.startsOn,
    endsOn: d.endsOn,
    reason: d.reason,
    createdBy: d.createdBy,
    createdAt: d.createdAt,
    revokedAt: d.revokedAt,
    revokedBy: d.revokedBy,
  };
}
