import { Controller, Get, Headers, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Access, Allow, CurrentPrincipal, Principal } from '../auth/access';
import { ApiErrorResponse, ApiErrorResponses } from '../http/common.schemas';
import { ApiAnswer, ApiPathParams, binaryContent } from '../http/schema';
import { parseCode } from '../http/params';
import { EvidenceService } from './evidence.service';
import { EVIDENCE_TYPES } from './evidence-types';
import { EvidenceFile } from './evidence.schemas';

@ApiTags('evidence')
@ApiBearerAuth()
@ApiErrorResponses(400, 401, 403, 404)
@Controller()
export class EvidenceController {
  constructor(private readonly evidence: EvidenceService) {}

  @Post('organizations/:organization/evidence')
  @Allow(Access.unitWorker)
  @ApiOperation({
    summary: 'Upload an evidence file (the body is the file; at most 20 MB)',
    description:
      'Cite it in a task submission as {"kind":"file","url":"/api/evidence/{id}","name":…,"guidelines":[…]}.',
  })
  @ApiConsumes(...Object.keys(EVIDENCE_TYPES))
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiHeader({
    name: 'X-File-Name',
    required: true,
    description: 'the file name, percent-encoded UTF-8 (Thai names welcome)',
  })
  @ApiQuery({
    name: 'unit',
    required: false,
    description: 'the unit the file is for (default: your own); acting heads name the unit they stand in for',
  })
  @ApiPathParams('organization')
  @ApiAnswer(EvidenceFile, { status: 201 })
  @ApiErrorResponse(413, 'the file is larger than 20 MB')
  upload(
    @CurrentPrincipal() p: Principal,
    @Headers('x-file-name') name: string | undefined,
    @Headers('content-type') contentType: string | undefined,
    @Req() req: Request,
    @Query('unit') unit?: string,
  ) {
    return this.evidence.upload(
      p,
      name,
      contentType,
      Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
      parseCode('unit', unit),
    );
  }

  @Get('evidence/:id')
  @Allow(Access.member)
  @ApiOperation({
    summary: "Download an evidence file (its unit's people, the Director, the Deputy Director, auditors)",
  })
  @ApiOkResponse({
    description: 'the file, with the type it was uploaded as',
    content: binaryContent(Object.keys(EVIDENCE_TYPES)),
  })
  async download(@Param('id') id: string, @CurrentPrincipal() p: Principal, @Res() res: Response): Promise<void> {
    const { meta, stream } = await this.evidence.open(id, p);
    res.setHeader('Content-Type', meta.contentType);
    res.setHeader('Content-Length', String(meta.size));
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="evidence"; filename*=UTF-8''${encodeURIComponent(meta.name)}`,
    );
    res.setHeader('X-Content-Type-Options', 'nosniff');
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  }
}
