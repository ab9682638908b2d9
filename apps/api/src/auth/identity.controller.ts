import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { IdentityRepository } from '@ita/persistence/identity.repository';
import { ApiErrorResponses } from '../http/common.schemas';
import { ApiAnswer, ApiBodyOf, ApiPathParams } from '../http/schema';
import { parseOptionalBoolean } from '../http/params';
import { CommandClaim } from '../idempotency/idempotency.interceptor';
import type { IdempotencyClaim } from '../idempotency/idempotency.service';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { Access, Allow, CurrentPrincipal, Principal } from './access';
import { DelegationService } from './delegation.service';
import { Delegation, DelegationBody, ListedDelegation, User } from './auth.schemas';
import type { z } from 'zod';
import { valid } from '../http/validation';

@ApiTags('people')
@ApiBearerAuth()
@ApiPathParams('organization')
@ApiErrorResponses(401, 403)
@Controller('organizations/:organization')
export class IdentityController {
  constructor(
    private readonly identity: IdentityRepository,
    private readonly delegations: DelegationService,
  ) {}

  @Get('users')
  @Allow(Access.member)
  @ApiOperation({ summary: "The organization's people: name, role and unit (no secrets)" })
  @ApiAnswer([User])
  async users(@CurrentPrincipal() p: Principal) {
    return (await this.identity.listUsers(p.organizationId)).map((u) => ({
      username: u.username,
      displayName: u.displayName,
      role: u.role,
      unitCode: u.unitCode,
      active: u.active,
    }));
  }

  @Get('delegations')
  @Allow(Access.member)
  @ApiOperation({ summary: 'Delegations of authority, newest first' })
  @ApiQuery({ name: 'active', required: false, type: Boolean, description: 'only those in force today' })
  @ApiAnswer([ListedDelegation])
  @ApiErrorResponses(400)
  list(@CurrentPrincipal() p: Principal, @Query('active') active?: string) {
    return this.delegations.list(p, parseOptionalBoolean('active', active) ?? false);
  }

  @Post('delegations')
  @Idempotent()
  @HttpCode(201)
  @Allow(Access.delegators)
  @ApiOperation({
    summary:
      "Delegate authority for a range of days: the Director's oversight to a Deputy Director, or an acting unit head",
  })
  @ApiBodyOf(DelegationBody)
  @ApiAnswer(Delegation, { status: 201 })
  @ApiErrorResponses(400)
  create(
    @CurrentPrincipal() p: Principal,
    @Body(valid(DelegationBody)) body: z.output<typeof DelegationBody>,
    @CommandClaim() claim?: IdempotencyClaim,
  ) {
    return this.delegations.create(p, body, claim);
  }

  @Post('delegations/:id/revoke')
  @Idempotent()
  @HttpCode(200)
  @Allow(Access.delegators)
  @ApiOperation({ summary: 'Revoke a delegation from now on (the Director, or whoever made it)' })
  @ApiAnswer(Delegation)
  @ApiErrorResponses(400, 404, 409)
  revoke(@CurrentPrincipal() p: Principal, @Param('id') id: string, @CommandClaim() claim?: IdempotencyClaim) {
    return this.delegations.revoke(p, id, claim);
  }
}
