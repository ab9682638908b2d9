/**
 * Who may act for whom, on a given instant: the one place the rules of authority live. Used by
 * the API (to refuse early) and by the measure workflow's validators (a workflow trusts no caller),
 * with the grants the API resolved from dated delegations; both test the grant's dates against
 * their own clock. Pure and deterministic.
 */
import { BANGKOK_UTC_OFFSET_MS, bangkokMidnight } from '../fiscal-calendar';
import type { Actor, Grant, Role } from './actor';

/** The roles that oversee or audit the whole organization. */
export const OVERSEER_ROLES: readonly Role[] = ['director', 'deputy-director', 'auditor'];

/** Unit staff or a unit head: a member of his own unit. */
export const isUnitMember = (actor: Actor) => actor.role === 'unit-staff' || actor.role === 'unit-head';

/** Has unit work at all, on any day: a unit member, or holding some acting-head grant. */
export const worksForAUnit = (actor: Actor) =>
  isUnitMember(actor) || !!actor.grants?.some((g) => g.kind === 'unit-head');

/** Heads some unit, on any day: a unit head, or holding some acting-head grant. */
export const headsAUnit = (actor: Actor) =>
  actor.role === 'unit-head' || !!actor.grants?.some((g) => g.kind === 'unit-head');

/** A grant in force at `now` (its range is [from, until), until null meaning "until revoked"). */
export function grantInForce(grant: Grant, now: number): boolean {
  return Date.parse(grant.from) <= now && (grant.until === null || now < Date.parse(grant.until));
}

/** The grant by which the actor acts as head of `unitCode` at `now`, if it is not his own unit. */
export function actingHeadGrant(actor: Actor, unitCode: string, now: number): Grant | undefined {
  return actor.grants?.find((g) => g.kind === 'unit-head' && g.unitCode === unitCode && grantInForce(g, now));
}

/** Heads the unit: its own head, or an acting head by delegation. */
export function headsUnit(actor: Actor, unitCode: string, now: number): boolean {
  return (actor.role === 'unit-head' && actor.unitCode === unitCode) || !!actingHeadGrant(actor, unitCode, now);
}

/** Works for the unit: its staff or head, or its acting head. */
export function actsForUnit(actor: Actor, unitCode: string, now: number): boolean {
  return (isUnitMember(actor) && actor.unitCode === unitCode) || !!actingHeadGrant(actor, unitCode, now);
}

/** The units the actor works for at `now`. */
export function unitsActedFor(actor: Actor, now: number): string[] {
  const own = isUnitMember(actor) && actor.unitCode ? [actor.unitCode] : [];
  const acting = (actor.grants ?? [])
    .filter((g) => g.kind === 'unit-head' && grantInForce(g, now))
    .map((g) => g.unitCode as string);
  return [...new Set([...own, ...acting])];
}

/** The oversight grant (report approval, escalations) a Deputy Director holds at `now`. */
export function oversightGrant(actor: Actor, now: number): Grant | undefined {
  return actor.role === 'deputy-director'
    ? actor.grants?.find((g) => g.kind === 'oversight' && grantInForce(g, now))
    : undefined;
}

/** Oversight is the Director's, and his delegate's while the delegation is in force. */
export function holdsOversight(actor: Actor, now: number): boolean {
  return actor.role === 'director' || !!oversightGrant(actor, now);
}

/** How the actor holds the authority used, for the audit trail ("delegation 7 from director"). */
export function authorityNote(grant: Grant | undefined): string | null {
  return grant
    ? `delegation ${grant.delegationId} (${grant.kind}${grant.unitCode ? ` ${grant.unitCode}` : ''}) from ${grant.delegatorId}`
    : null;
}

/** A dated delegation (Asia/Bangkok days, inclusive) as the grant a command carries. */
export function grantOf(d: {
  id: number | string;
  kind: Grant['kind'];
  unitCode: string | null;
  delegator: string;
  startsOn: string;
  endsOn: string | null;
}): Grant {
  const midnight = (day: string, plusDays = 0) => {
    const [y, m, dd] = day.split('-').map(Number);
    return new Date(bangkokMidnight(y, m, dd).getTime() + plusDays * 86_400_000).toISOString();
  };
  return {
    kind: d.kind,
    ...(d.unitCode ? { unitCode: d.unitCode } : {}),
    delegationId: String(d.id),
    delegatorId: d.delegator,
    from: midnight(d.startsOn),
    until: d.endsOn ? midnight(d.endsOn, 1) : null,
  };
}

/** A dated delegation as the store keeps it: its grant's facts, its delegate, and when (if ever) it was revoked. */
export interface DelegationRecord {
  id: number | string;
  kind: Grant['kind'];
  unitCode: string | null;
  delegator: string;
  delegate: string;
  startsOn: string;
  endsOn: string | null;
  revokedAt: string | null;
}

/** The delegation is in force at `instant`: within its days, and not revoked by then. */
export function delegationInForce(d: DelegationRecord, instant: number): boolean {
  return grantInForce(grantOf(d), instant) && (d.revokedAt === null || Date.parse(d.revokedAt) > instant);
}

/**
 * Who holds the Director's oversight (report approval, escalations) at `instant`: the delegate
 * of the newest oversight delegation in force then, else the Director himself.
 */
export function oversightHolderAt(
  delegations: DelegationRecord[],
  director: string | null,
  instant: number,
): string | null {
  const inForce = delegations.filter((d) => d.kind === 'oversight' && delegationInForce(d, instant));
  return inForce.sort((a, b) => Number(b.id) - Number(a.id))[0]?.delegate ?? director;
}

/** Today's date in Asia/Bangkok as YYYY-MM-DD. */
export function bangkokDate(instant: number): string {
  return new Date(instant + BANGKOK_UTC_OFFSET_MS).toISOString().slice(0, 10);
}
