/**
 * Who may call what. Every route declares either @Public() or @Allow(rule); the guard refuses a
 * route that declares neither (deny by default) and test/e2e/authorization proves each one.
 * The rules only read the signed-in principal and the request's path parameters; whether a unit
 * head may decide *this* task is decided again by the measure workflow, which knows the task.
 */
import type { Actor, Role, UserRole } from '@ita/domain/access/actor';
import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import { actsForUnit, headsAUnit, holdsOversight, OVERSEER_ROLES, worksForAUnit } from '@ita/domain/access/authority';

/** The signed-in user, with the delegations he holds today. */
export interface Principal extends Actor {
  role: UserRole;
  userId: number;
  organizationId: number;
  organizationCode: string;
  displayName: string;
}

export interface AccessRule {
  /** Who, in words (shown in 403 answers and in the API docs). */
  who: string;
  allows(p: Principal, params: Record<string, string>, now: number): boolean;
}

const roles = (who: string, ...list: Role[]): AccessRule => ({ who, allows: (p) => list.includes(p.role) });

export const Access = {
  /** Anyone signed in to the organization in the path. */
  member: roles(
    'any member of the organization',
    'unit-staff',
    'unit-head',
    'deputy-director',
    'director',
    'auditor',
    'planner',
  ),
  /** Unit staff and heads (and acting heads): the workflow then checks the unit of the task or report. */
  unitWorker: { who: 'unit staff, unit heads and acting unit heads', allows: worksForAUnit } as AccessRule,
  /** Unit heads (and acting heads): the workflow then checks the unit of the task. */
  unitHead: { who: 'unit heads and acting unit heads', allows: headsAUnit } as AccessRule,
  /** The unit in the path: its own people, or anyone who oversees or audits the organization. */
  unitInPath: {
    who: "the unit's own staff and head (or acting head), the Director, the Deputy Director and auditors",
    allows: (p, params, now) => OVERSEER_ROLES.includes(p.role) || actsForUnit(p, params.unit, now),
  } as AccessRule,
  /** The Director, or his delegate while the delegation is in force. */
  oversight: {
    who: "the Director, or the Deputy Director while holding the Director's delegation",
    allows: (p, _params, now) => holdsOversight(p, now),
  } as AccessRule,
  overseers: roles('the Director, the Deputy Director and auditors', ...OVERSEER_ROLES),
  planners: roles('planners', 'planner'),
  /** Plan drafts: planners write them, the Director and his deputy review them, auditors read them. */
  draftReaders: roles('planners, the Director, the Deputy Director and auditors', 'planner', ...OVERSEER_ROLES),
  activators: roles('planners and the Director', 'planner', 'director'),
  /** The organization's notification settings (reminder days, webhook). */
  notificationSettings: roles('the Director and planners', 'director', 'planner'),
  amenders: {
    who: "planners, the Director, or the Deputy Director holding the Director's delegation",
    allows: (p, _params, now) => p.role === 'planner' || holdsOversight(p, now),
  } as AccessRule,
  delegators: roles('the Director and unit heads', 'director', 'unit-head'),
} satisfies Record<string, AccessRule>;

export const PUBLIC_ROUTE = 'ita:public';
export const ACCESS_RULE = 'ita:access';
/** No sign-in needed. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);
/** Signed in, and the rule allows it. */
export const Allow = (rule: AccessRule) => SetMetadata(ACCESS_RULE, rule);

export interface AuthenticatedRequest extends Request {
  principal?: Principal;
}

/** The signed-in user of this request (routes with an @Allow rule always have one). */
export const CurrentPrincipal = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new Error('CurrentPrincipal on a route without an @Allow rule');
  return principal;
});

/** What a workflow command carries: who, in which organization, under which delegations. */
export function actorOf(p: Principal): Actor {
  return { id: p.id, role: p.role, unitCode: p.unitCode, organizationCode: p.organizationCode, grants: p.grants ?? [] };
}
