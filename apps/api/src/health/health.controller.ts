/**
 * Probes, both public: liveness (the process serves and reaches its database; scripts and
 * orchestrators wait on it) and readiness (it can do its work: database, Temporal server and a
 * polling worker; 503 naming what is down, so a load balancer sends no traffic meanwhile).
 */
import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../auth/access';
import { ReadinessService } from './readiness.service';
import { Health, Readiness } from './health.schemas';
import { ApiAlsoAnswers, ApiAnswer } from '../http/schema';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly readiness: ReadinessService,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Liveness and database reachability' })
  @ApiAnswer(Health)
  async health() {
    await this.dataSource.query('SELECT 1');
    return { status: 'ok' as const, database: this.dataSource.options.type };
  }

  @Get('ready')
  @Public()
  @ApiOperation({ summary: 'Readiness: the database, the Temporal server and a worker polling the task queue' })
  // Terminus' result is typed loosely (a record of indicators), so it is documented, not serialized.
  @ApiAlsoAnswers(HttpStatus.OK, Readiness, 'every component is up')
  @ApiAlsoAnswers(HttpStatus.SERVICE_UNAVAILABLE, Readiness, 'a component is down: see `error`')
  async ready(@Res({ passthrough: true }) res: Response) {
    const { ready, result } = await this.readiness.check();
    if (!ready) res.status(HttpStatus.SERVICE_UNAVAILABLE);
    return result;
  }
}
