/**
 * Who is acting. Until real authentication lands, the acting user comes from request headers,
 * read here and nowhere else: X-Actor-Id, X-Actor-Role (unit-staff, unit-head, deputy-director,
 * director, auditor, planner) and X-Actor-Unit (the unit code, for unit staff and heads).
 * The workflows check every command again against the actor they are given.
 */
import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { DomainError, DomainErrorCode } from '../../../../libs/domain/src/domain-error';
import { Actor, ROLES } from '../../../../libs/domain/src/measure/measure.types';
import { CODE_PATTERN } from '../../../../libs/domain/src/plan/plan.types';

export function actorFromHeaders(headers: Request['headers']): Actor {
  const header = (name: string) => {
    const value = headers[name];
    return typeof value === 'string' ? value.trim() : undefined;
  };
  const id = header('x-actor-id');
  const role = header('x-actor-role');
  const unitCode = header('x-actor-unit');
  if (!id || id.length > 100) {
    throw new DomainError(DomainErrorCode.Unauthenticated, 'say who is acting in the X-Actor-Id header', [{ path: 'x-actor-id', message: 'is required (at most 100 characters)' }]);
  }
  if (!ROLES.includes(role as (typeof ROLES)[number])) {
    throw new DomainError(DomainErrorCode.Unauthenticated, `X-Actor-Role must be one of ${ROLES.join(', ')}`, [{ path: 'x-actor-role', message: `${JSON.stringify(role ?? null)} is not a role` }]);
  }
  if (unitCode !== undefined && !CODE_PATTERN.test(unitCode)) {
    throw new DomainError(DomainErrorCode.Unauthenticated, 'X-Actor-Unit must be a unit code', [{ path: 'x-actor-unit', message: `"${unitCode}" is not a unit code` }]);
  }
  return { id, role: role as Actor['role'], unitCode: unitCode || undefined };
}

/** The acting user of this request. */
export const CurrentActor = createParamDecorator((_data: unknown, ctx: ExecutionContext): Actor =>
  actorFromHeaders(ctx.switchToHttp().getRequest<Request>().headers));
