/**
 * The checks every command passes before anything changes: who is acting, for which organization,
 * with which role or delegation, and whether its text and evidence are well formed. Each throws a
 * CommandError naming the offending field.
 */
import type { Actor } from '../access/actor';
import { holdsOversight, headsAUnit, worksForAUnit } from '../access/authority';
import type { Evidence, MeasureContext, Progress, TaskState } from './measure.types';

export type CommandErrorCode = 'FORBIDDEN' | 'CONFLICT' | 'NOT_FOUND' | 'INVALID';

/** A rejected command: nothing was changed. `path` names the offending field. */
export class CommandError extends Error {
  constructor(
    readonly code: CommandErrorCode,
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'CommandError';
  }
}

export const MAX_NOTE = 4000;

export const MAX_EVIDENCE = 20;

export const MAX_SUMMARY = 20000;

/** The actor is known and belongs to this measure's organization. */
export function requireActor(actor: Actor, ctx: MeasureContext): void {
  if (!actor || typeof actor.id !== 'string' || !actor.id)
    throw new CommandError('FORBIDDEN', 'actor', 'the acting user is unknown');
  if (actor.organizationCode !== ctx.organizationCode) {
    throw new CommandError(
      'FORBIDDEN',
      'actor.organization',
      `this measure belongs to ${ctx.organizationCode}, not to ${actor.organizationCode ?? '(no organization)'}`,
    );
  }
}

export function requireRole(actor: Actor, roles: Actor['role'][]): void {
  if (!roles.includes(actor.role))
    throw new CommandError(
      'FORBIDDEN',
      'actor.role',
      `a ${actor.role} cannot do this; it takes a ${roles.join(' or ')}`,
    );
}

/** The Director, or the Deputy Director holding the Director's oversight at `now`; `does` says what, in the refusal. */
export function requireOversight(actor: Actor, now: number, does = 'decides reports'): void {
  if (holdsOversight(actor, now)) return;
  if (actor.role === 'deputy-director') {
    throw new CommandError(
      'FORBIDDEN',
      'actor.delegation',
      `the Deputy Director ${does} only while holding the Director's delegation, and holds none in force today`,
    );
  }
  requireRole(actor, ['director', 'deputy-director']);
}

/**
 * Refuses an actor without the unit authority a command needs: by role if he has no unit work
 * (or no headship) at all, else because it is not this unit.
 */
export function refuseUnit(actor: Actor, needs: 'work' | 'head', message: string): never {
  if (needs === 'work' && !worksForAUnit(actor)) requireRole(actor, ['unit-staff', 'unit-head']);
  if (needs === 'head' && !headsAUnit(actor)) requireRole(actor, ['unit-head']);
  throw new CommandError('FORBIDDEN', 'actor.unit', message);
}

export function requireText(value: unknown, path: string, max = MAX_NOTE): void {
  if (typeof value !== 'string' || value.trim() === '') throw new CommandError('INVALID', path, 'is required');
  if (value.length > max) throw new CommandError('INVALID', path, `is ${value.length} characters; at most ${max}`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(value))
    throw new CommandError('INVALID', path, 'contains control characters');
}

export function checkEvidence(ctx: MeasureContext, task: TaskState, evidence: unknown, progress: Progress): void {
  if (!Array.isArray(evidence)) throw new CommandError('INVALID', 'evidence', 'must be a list (may be empty)');
  if (evidence.length > MAX_EVIDENCE)
    throw new CommandError('INVALID', 'evidence', `has ${evidence.length} items; at most ${MAX_EVIDENCE}`);
  if (progress === 'done' && evidence.length === 0)
    throw new CommandError('INVALID', 'evidence', 'a step reported as done needs at least one piece of evidence');
  const applicable = ctx.measure.monitoringGuidelines
    .filter((g) => !g.steps || g.steps.includes(task.stepNumber))
    .map((g) => g.number);
  evidence.forEach((e: Evidence, i) => {
    const path = `evidence[${i}]`;
    if (!e || (e.kind !== 'link' && e.kind !== 'file'))
      throw new CommandError('INVALID', `${path}.kind`, 'must be link or file');
    if (
      typeof e.url !== 'string' ||
      !(e.kind === 'link' ? /^https?:\/\/[^\s]+$/ : /^\/api\/evidence\/[A-Za-z0-9-]+$/).test(e.url) ||
      e.url.length > 1000
    ) {
      throw new CommandError(
        'INVALID',
        `${path}.url`,
        e.kind === 'link' ? 'must be an http(s) link' : 'must be the path of an uploaded file (/api/evidence/…)',
      );
    }
    requireText(e.name, `${path}.name`, 300);
    if (
      !Array.isArray(e.guidelines) ||
      !e.guidelines.every((g) => applicable.includes(g)) ||
      (applicable.length > 0 && e.guidelines.length === 0)
    ) {
      throw new CommandError(
        'INVALID',
        `${path}.guidelines`,
        `must name the monitoring guidelines it answers, from ${applicable.join(', ') || '(none)'}`,
      );
    }
  });
}
