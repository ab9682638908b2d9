/** Auditors' view of the audit trail: filtered search with paging, and CSV export for Excel. */
import { Injectable } from '@nestjs/common';
import { DomainError, DomainErrorCode } from '@ita/domain/domain-error';
import { formatThaiDate } from '@ita/domain/fiscal-calendar';
import { canonicalJson } from '@ita/domain/plan/plan.canonical';
import { AuditFilter, AuditRepository } from '@ita/persistence/audit.repository';
import type { AuditEntryEntity } from '@ita/persistence/entities';
import { PlanRepository } from '@ita/persistence/plan.repository';
import { requireOrganization } from '../http/params';

export const MAX_CSV_ROWS = 100_000;

@Injectable()
export class AuditQueryService {
  constructor(
    private readonly plans: PlanRepository,
    private readonly audit: AuditRepository,
  ) {}

  async search(organization: string, filter: AuditFilter, page: number, pageSize: number) {
    const { items, total } = await this.audit.search(await this.organizationId(organization), filter, page, pageSize);
    return { items: items.map(entryView), total, page, pageSize };
  }

  /** UTF-8 with a byte-order mark and CRLF lines, so Excel opens the Thai text as it is. */
  async csv(organization: string, filter: AuditFilter): Promise<string> {
    const { items, total } = await this.audit.search(await this.organizationId(organization), filter, 1, MAX_CSV_ROWS);
    if (total > MAX_CSV_ROWS) {
      throw new DomainError(
        DomainErrorCode.InvalidArgument,
        `${total} entries match; narrow the filter to at most ${MAX_CSV_ROWS}`,
        [{ path: 'from', message: 'narrow the date range' }],
      );
    }
    const header = [
      'ลำดับในสายโซ่',
      'เวลา (UTC)',
      'วันที่ (พ.ศ.)',
      'ปีงบประมาณ',
      'มาตรการ',
      'การดำเนินการ',
      'รายการ',
      'ผู้ดำเนินการ',
      'บทบาท',
      'หน่วยงาน',
      'อำนาจที่ใช้ (การมอบหมาย)',
      'ข้อความ',
      'ก่อน',
      'หลัง',
      'workflow id',
      'run id',
      'event id',
      'hash',
    ];
    const rows = items.map((e) => [
      e.chainSeq,
      e.at,
      formatThaiDate(e.at),
      e.fiscalYear,
      e.measureCode,
      e.action,
      e.entityKey,
      e.actorId,
      e.actorRole,
      e.actorUnit ?? '',
      e.authority ?? '',
      entryText(e),
      e.before === null ? '' : canonicalJson(e.before),
      e.after === null ? '' : canonicalJson(e.after),
      e.workflowId,
      e.runId,
      e.eventId,
      e.hash ?? '',
    ]);
    return '\ufeff' + [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
  }

  private async organizationId(code: string): Promise<number> {
    return (await requireOrganization(this.plans, code)).id;
  }
}

/** Quoted; a cell Excel would read as a formula (=, +, -, @, tab, CR) is prefixed with an apostrophe. */
function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

/** The words people wrote with a change (a note, a reason, comments), for reading the trail in a spreadsheet. */
function entryText(e: AuditEntryEntity): string {
  const after = (e.after ?? {}) as {
    submission?: { note?: string };
    returnReason?: string;
    summary?: string;
    comments?: string;
    reason?: string;
  };
  switch (e.action) {
    case 'task.submitted':
      return after.submission?.note ?? '';
    case 'task.returned':
      return after.returnReason ?? '';
    case 'report.submitted':
      return after.summary ?? '';
    case 'report.returned':
    case 'report.approved':
      return after.comments ?? '';
    default:
      return e.entity === 'delegation' ? (after.reason ?? '') : '';
  }
}

function entryView(e: AuditEntryEntity) {
  return {
    chainSeq: e.chainSeq,
    at: e.at,
    atThai: formatThaiDate(e.at),
    fiscalYear: e.fiscalYear,
    measureCode: e.measureCode,
    action: e.action,
    entity: e.entity,
    key: e.entityKey,
    actor: { id: e.actorId, role: e.actorRole, unit: e.actorUnit },
    authority: e.authority,
    before: e.before,
    after: e.after,
    workflowId: e.workflowId,
    runId: e.runId,
    eventId: e.eventId,
    hash: e.hash,
  };
}
