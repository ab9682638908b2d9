/**
 * Plan activation: starts one measure workflow per measure of a plan (deterministic ids, so
 * activating twice starts nothing twice) and marks the plan active, recording the activation in
 * the organization's audit chain (who, which calendar, what started). The fiscal calendar is the
 * real one unless a compressed demonstration calendar is asked for.
 */
import { Injectable } from '@nestjs/common';
import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy } from '@temporalio/client';
import { MEASURE_WORKFLOW_TYPE, measureWorkflowId, MeasureWorkflowInput } from '@ita/contracts/measure.contracts';
import { DomainError, DomainErrorCode } from '@ita/domain/domain-error';
import { compressedFiscalCalendar, fiscalCalendar, FiscalCalendar } from '@ita/domain/fiscal-calendar';
import { expandUnits } from '@ita/domain/plan/plan.units';
import type { AuditActor } from '@ita/persistence/identity.repository';
import { PlanRepository } from '@ita/persistence/plan.repository';
import { TemporalClientProvider } from './temporal-client.provider';

export interface DemoCalendarRequest {
  /** When Q1 starts (default: in 5 seconds). */
  startsAt?: string;
  /** Length of each quarter in seconds (at least 20). */
  quarterSeconds: number;
}

export interface ActivationResult {
  organization: string;
  fiscalYear: number;
  calendar: { start: string; end: string; compressed: boolean };
  started: Array<{ measureCode: string; workflowId: string }>;
  alreadyStarted: Array<{ measureCode: string; workflowId: string }>;
  skipped: Array<{ measureCode: string; reason: string }>;
}

@Injectable()
export class MeasureActivationService {
  constructor(
    private readonly plans: PlanRepository,
    private readonly temporal: TemporalClientProvider,
  ) {}

  async activate(
    organizationCode: string,
    fiscalYear: number,
    by: AuditActor,
    demo?: DemoCalendarRequest,
  ): Promise<ActivationResult> {
    const calendar = demo ? demoCalendar(fiscalYear, demo) : fiscalCalendar(fiscalYear);
    const stored = await this.plans.loadPlan(organizationCode, fiscalYear);
    if (!stored) {
      throw new DomainError(
        DomainErrorCode.PlanNotFound,
        `organization ${organizationCode} has no plan for fiscal year ${fiscalYear}`,
        [{ path: 'fiscalYear', message: 'no such plan' }],
      );
    }
    const { plan, organization, definition } = stored;
    if (plan.status === 'closed') {
      throw new DomainError(
        DomainErrorCode.Conflict,
        `fiscal year ${fiscalYear} was closed: its measures cannot run again`,
        [{ path: 'fiscalYear', message: 'closed' }],
      );
    }
    // The stored code, not the URL's spelling: MySQL compares codes case-insensitively, workflow ids do not.
    organizationCode = organization.code;
    const result: ActivationResult = {
      organization: organizationCode,
      fiscalYear,
      calendar: { start: calendar.start, end: calendar.end, compressed: !!calendar.compressed },
      started: [],
      alreadyStarted: [],
      skipped: [],
    };
    // One bound for the whole activation: cut short, some measures may have started; activating
    // again (with the same Idempotency-Key or none) finds them already started and starts the rest.
    await this.temporal.call(`measure/${organizationCode}/${fiscalYear}/*`, async (client) => {
      for (const measure of definition.measures) {
        if (measure.incomplete) {
          result.skipped.push({
            measureCode: measure.code,
            reason: 'incomplete in the plan (complete it and re-import before it can run)',
          });
          continue;
        }
        const workflowId = measureWorkflowId(organizationCode, fiscalYear, measure.code);
        const input: MeasureWorkflowInput = {
          organizationCode,
          fiscalYear,
          planRevision: plan.revision,
          measure,
          units: expandUnits(measure, definition.units),
          calendar,
          policy: {
            reportGraceDays: organization.reportGraceDays,
            escalationIntervalDays: organization.escalationIntervalDays,
            escalateCadences: organization.escalateCadences,
            resubmissionDays: organization.resubmissionDays,
          },
        };
        try {
          await client.workflow.start(MEASURE_WORKFLOW_TYPE, {
            taskQueue: this.temporal.taskQueue,
            workflowId,
            args: [input],
            workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
          });
          result.started.push({ measureCode: measure.code, workflowId });
        } catch (error) {
          if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
          result.alreadyStarted.push({ measureCode: measure.code, workflowId });
        }
      }
    });
    // After the workflows: if this write fails, the measures run anyway, and activating again
    // (everything already started) marks the plan active and records the activation then.
    await this.plans.markActive(organization, plan.id, {
      by,
      calendar: { ...result.calendar, ...(demo ? { quarterSeconds: demo.quarterSeconds } : {}) },
      started: result.started.map((m) => m.measureCode),
      alreadyStarted: result.alreadyStarted.map((m) => m.measureCode),
      skipped: result.skipped.map((m) => m.measureCode),
    });
    return result;
  }
}

function demoCalendar(fiscalYear: number, demo: DemoCalendarRequest): FiscalCalendar {
  const problems = [];
  if (
    typeof demo.quarterSeconds !== 'number' ||
    !Number.isFinite(demo.quarterSeconds) ||
    demo.quarterSeconds < 20 ||
    demo.quarterSeconds > 86400 * 92
  ) {
    problems.push({ path: 'calendar.quarterSeconds', message: 'must be a number of seconds from 20 to 7,948,800' });
  }
  const startsAt = demo.startsAt === undefined ? new Date(Date.now() + 5000) : new Date(demo.startsAt);
  if (Number.isNaN(startsAt.getTime()))
    problems.push({ path: 'calendar.startsAt', message: 'must be an ISO-8601 date-time' });
  if (problems.length)
    throw new DomainError(DomainErrorCode.InvalidArgument, 'invalid demonstration calendar', problems);
  return compressedFiscalCalendar(fiscalYear, startsAt, demo.quarterSeconds * 1000);
}
