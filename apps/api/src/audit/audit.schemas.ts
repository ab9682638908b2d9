/** The contracts of the audit trail: its entries, a page of them, and the chain's verdict. */
import { z } from 'zod';
import { ROLES } from '@ita/domain/access/actor';
import { anyJson, component, instant, int, pageOf, text } from '../http/schema';
import { actorOf } from '../measures/measure.schemas';

export const AuditEntry = component(
  'AuditEntry',
  z.object({
    chainSeq: int('position in the hash chain').nullable(),
    at: instant(),
    atThai: z.string(),
    fiscalYear: int(),
    measureCode: text('empty for administrative entries'),
    action: text('an AuditAction, e.g. plan.imported'),
    entity: text('task, report, escalation, measure, delegation, account, plan, plan-draft, organization or unit'),
    key: z.string(),
    actor: actorOf(
      [...ROLES, 'system', 'operator'],
      'username, "system", or "operator:<name>" for the accounts and plan-import commands',
    ),
    authority: z.string().nullable(),
    before: anyJson(),
    after: anyJson(),
    workflowId: z.string(),
    runId: z.string(),
    eventId: int(),
    hash: text('SHA-256').nullable(),
  }),
);
export const AuditEntryPage = pageOf('AuditEntry', AuditEntry);

export const AuditVerdict = component(
  'AuditVerdict',
  z.object({
    organization: z.string(),
    verifiedAt: instant(),
    ok: z.boolean(),
    entries: int('entries checked'),
    firstBad: z
      .object({ chainSeq: int().nullable(), id: int().nullable(), reason: z.string() })
      .describe('the first entry that does not fit the chain (when not ok)')
      .optional(),
  }),
);
