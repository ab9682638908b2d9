/**
 * Who acts: a signed-in person with a role in an organization (and a unit, for unit staff and
 * heads), the delegations he holds, or the system itself (the workflow's clock). The one
 * declaration the API, the workflows and the audit trail share.
 */

export const ROLES = ['unit-staff', 'unit-head', 'deputy-director', 'director', 'auditor', 'planner'] as const;
/** The role of an account (a person). */
export type UserRole = (typeof ROLES)[number];
export type Role = UserRole | 'system';

/**
 * Authority held by delegation, as resolved from the dated delegations when the command was
 * sent; whoever checks it tests the dates against its own clock.
 */
export interface Grant {
  /** oversight: the Director's report approval and escalations; unit-head: acting head of a unit. */
  kind: 'oversight' | 'unit-head';
  unitCode?: string;
  delegationId: string;
  /** Who delegated (the Director, or the absent unit head). */
  delegatorId: string;
  /** ISO instants: in force from `from` up to (not including) `until`; null until revoked. */
  from: string;
  until: string | null;
}

export interface Actor {
  /** The user's login name, as the audit trail records it. */
  id: string;
  role: Role;
  /** The unit the actor belongs to (unit staff and heads). */
  unitCode?: string;
  /** The organization the actor belongs to; a measure refuses anyone else's. */
  organizationCode?: string;
  grants?: Grant[];
}

export const SYSTEM_ACTOR: Actor = { id: 'system', role: 'system' };

export const DELEGATION_KINDS = ['oversight', 'unit-head'] as const;
