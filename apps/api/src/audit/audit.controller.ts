import { applyDecorators, Controller, Get, Header, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DomainError, DomainErrorCode } from '@ita/domain/domain-error';
import type { AuditFilter } from '@ita/persistence/audit.repository';
import { Access, Allow } from '../auth/access';
import { ApiErrorResponses } from '../http/common.schemas';
import { parseCode, parseFiscalYear, parseIntParam } from '../http/params';
import { AuditQueryService } from './audit-query.service';
import { AuditVerificationService } from './audit-verification.service';
import { AuditEntryPage, AuditVerdict } from './audit.schemas';
import { ApiAnswer } from '../http/schema';

@ApiTags('audit')
@ApiBearerAuth()
@ApiErrorResponses(400, 401, 403, 404)
@Allow(Access.overseers)
@Controller('organizations/:organization/audit')
export class AuditController {
  constructor(
    private readonly verification: AuditVerificationService,
    private readonly queries: AuditQueryService,
  ) {}

  @Get('verify')
  @ApiOperation({
    summary: "Verify the organization's hash-chained audit trail; names the first altered, deleted or reordered entry",
  })
  @ApiAnswer(AuditVerdict)
  verify(@Param('organization') organization: string) {
    return this.verification.verify(organization);
  }

  @Get('entries')
  @ApiOperation({
    summary:
      'Search the audit trail: by measure, unit, actor, action (or "task." for a family) and date range, with paging',
  })
  @AuditFilterQueries()
  @ApiQuery({ name: 'page', required: false, type: Number })
  @ApiQuery({ name: 'pageSize', required: false, type: Number, description: 'at most 500 (default 100)' })
  @ApiAnswer(AuditEntryPage)
  entries(@Param('organization') organization: string, @Query() query: Record<string, string>) {
    const page = parseIntParam('page', query.page, 1, 100000, 1)!;
    const pageSize = parseIntParam('pageSize', query.pageSize, 1, 500, 100)!;
    return this.queries.search(organization, auditFilter(query), page, pageSize);
  }

  @Get('entries.csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="audit.csv"')
  @ApiOperation({ summary: 'The same search as CSV (UTF-8 with BOM, opens in Excel with Thai intact)' })
  @AuditFilterQueries()
  @ApiOkResponse({ description: 'at most 100,000 rows', content: { 'text/csv': { schema: { type: 'string' } } } })
  csv(@Param('organization') organization: string, @Query() query: Record<string, string>) {
    return this.queries.csv(organization, auditFilter(query));
  }
}

/** The query parameters auditFilter reads. */
function AuditFilterQueries() {
  return applyDecorators(
    ApiQuery({ name: 'fiscalYear', required: false, type: Number, description: 'Buddhist era, e.g. 2565' }),
    ApiQuery({ name: 'measure', required: false, type: String, description: 'measure code' }),
    ApiQuery({
      name: 'unit',
      required: false,
      type: String,
      description: 'unit code: entries by its people, its tasks, and the unit itself added or changed',
    }),
    ApiQuery({ name: 'actor', required: false, type: String, description: 'username' }),
    ApiQuery({
      name: 'action',
      required: false,
      type: String,
      description: 'e.g. task.submitted, or "task." for a family',
    }),
    ApiQuery({ name: 'from', required: false, type: String, description: 'ISO-8601, inclusive' }),
    ApiQuery({ name: 'to', required: false, type: String, description: 'ISO-8601, exclusive' }),
  );
}

function auditFilter(query: Record<string, string>): AuditFilter {
  const instant = (name: 'from' | 'to') => {
    const raw = query[name];
    if (raw === undefined || raw === '') return undefined;
    const t = Date.parse(raw);
    if (Number.isNaN(t))
      throw new DomainError(DomainErrorCode.InvalidArgument, `${name} must be an ISO-8601 date or date-time`, [
        { path: name, message: `"${raw}" is not a date` },
      ]);
    return new Date(t).toISOString();
  };
  const text = (name: 'actor' | 'action', max: number) => {
    const raw = query[name];
    if (raw !== undefined && raw.length > max)
      throw new DomainError(DomainErrorCode.InvalidArgument, `${name} is too long`, [
        { path: name, message: `at most ${max} characters` },
      ]);
    return raw || undefined;
  };
  return {
    fiscalYear: query.fiscalYear ? parseFiscalYear(query.fiscalYear) : undefined,
    measureCode: parseCode('measure', query.measure),
    unitCode: parseCode('unit', query.unit),
    actorId: text('actor', 100),
    action: text('action', 64),
    from: instant('from'),
    to: instant('to'),
  };
}
