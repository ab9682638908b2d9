/** Path and query parameters the measure, report and escalation routes share. */
import { parseFiscalYear, parseIntParam } from '../http/params';
import type { MeasureRef } from './measure-commands.service';

export const paging = (page?: string, pageSize?: string) => ({
  page: parseIntParam('page', page, 1, 100000, 1)!,
  pageSize: parseIntParam('pageSize', pageSize, 1, 200, 50)!,
});

export function ref(params: Record<string, string>): MeasureRef {
  return {
    organization: params.organization,
    fiscalYear: parseFiscalYear(params.fiscalYear),
    measureCode: params.code,
  };
}
