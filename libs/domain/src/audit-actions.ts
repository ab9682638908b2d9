/**
 * Every action the audit trail records, by the entity it is about: the one list the measure
 * machine, the repositories, the API's contract and the web app's labels are checked against.
 */
export const AUDIT_ACTIONS = [
  'task.opened',
  'task.submitted',
  'task.approved',
  'task.returned',
  'task.overdue',
  'task.withdrawn',
  'report.opened',
  'report.submitted',
  'report.approved',
  'report.returned',
  'report.overdue',
  'report.units-changed',
  'escalation.raised',
  'escalation.repeated',
  'escalation.resolved',
  'measure.started',
  'measure.amended',
  'measure.completed',
  'quarter.opened',
  'quarter.closed',
  'delegation.created',
  'delegation.revoked',
  'account.created',
  'account.updated',
  'account.linked',
  'plan.imported',
  'plan.activated',
  'organization.created',
  'organization.updated',
  'unit.added',
  'unit.updated',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
