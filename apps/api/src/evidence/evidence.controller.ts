import { Controller, Get, Headers, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Actor } from '../../../../libs/domain/src/measure/measure.types';
import { CurrentActor } from '../http/actor';
import { EvidenceService } from './evidence.service';
import { EVIDENCE_TYPES } from './evidence-types';

@ApiTags('evidence')
@Controller()
export class EvidenceController {
  constructor(private readonly evidence: EvidenceService) {}

  @Post('organizations/:organization/evidence')
  @ApiOperation({ summary: 'Upload an evidence file (the body is the file; at most 20 MB)', description:
    'Cite it in a task submission as {"kind":"file","url":"/api/evidence/{id}","name":…,"guidelines":[…]}.' })
  @ApiConsumes(...Object.keys(EVIDENCE_TYPES))
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiHeader({ name: 'X-File-Name', required: true, description: 'the file name, percent-encoded UTF-8 (Thai names welcome)' })
  upload(@Param('organization') organization: string, @CurrentActor() actor: Actor, @Headers('x-file-name') name: string | undefined,
    @Headers('content-type') contentType: string | undefined, @Req() req: Request) {
    return this.evidence.upload(organization, actor, name, contentType, Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));
  }

  @Get('evidence/:id')
  @ApiOperation({ summary: 'Download an evidence file' })
  async download(@Param('id') id: string, @Res() res: Response): Promise<void> {
    const { meta, stream } = await this.evidence.open(id);
    res.setHeader('Content-Type', meta.contentType);
    res.setHeader('Content-Length', String(meta.size));
    res.setHeader('Content-Disposition', `attachment; filename="evidence"; filename*=UTF-8''${encodeURIComponent(meta.name)}`);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  }
}
