import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiErrorResponse } from '../http/common.schemas';
import { Access, Allow, CurrentPrincipal, Principal, Public } from './access';
import { AuthService } from './auth.service';
import { OidcService } from './oidc.service';
import { Me, RefreshTokenBody, SignedIn, SignedOut, SignInBody } from './auth.schemas';
import { ApiAnswer, ApiBodyOf } from '../http/schema';
import type { z } from 'zod';
import { valid } from '../http/validation';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly oidc: OidcService,
  ) {}

  @Post('login')
  @HttpCode(200)
  @Public()
  @ApiOperation({
    summary:
      'Sign in with a local account: a short-lived access token and a refresh token (failed attempts are throttled)',
  })
  @ApiBodyOf(SignInBody)
  @ApiAnswer(SignedIn)
  @ApiErrorResponse(400)
  @ApiErrorResponse(401, 'the username or password is wrong (or the account is inactive)')
  @ApiErrorResponse(429)
  login(@Body(valid(SignInBody)) body: z.output<typeof SignInBody>, @Req() request: Request) {
    return this.auth.login(body, request.ip ?? 'unknown');
  }

  @Post('refresh')
  @HttpCode(200)
  @Public()
  @ApiOperation({
    summary: 'Exchange a refresh token for a new pair (the old one is spent; reusing it ends the session)',
  })
  @ApiBodyOf(RefreshTokenBody)
  @ApiAnswer(SignedIn)
  @ApiErrorResponse(400)
  @ApiErrorResponse(401, 'the refresh token is invalid, expired, revoked or already used')
  refresh(@Body(valid(RefreshTokenBody)) body: z.output<typeof RefreshTokenBody>) {
    return this.auth.refresh(body);
  }

  @Post('logout')
  @HttpCode(200)
  @Public()
  @ApiOperation({ summary: 'End the session of a refresh token' })
  @ApiBodyOf(RefreshTokenBody)
  @ApiAnswer(SignedOut)
  @ApiErrorResponse(400)
  logout(@Body(valid(RefreshTokenBody)) body: z.output<typeof RefreshTokenBody>) {
    return this.auth.logout(body);
  }

  @Get('oidc/:organization/login')
  @Public()
  @ApiOperation({
    summary:
      "Sign in through the organization's own identity provider (OpenID Connect, code flow with PKCE): redirects there; the sign-in in progress is kept in a 10-minute HttpOnly cookie",
  })
  @ApiParam({ name: 'organization', description: 'organization code, e.g. TCEB' })
  @ApiResponse({ status: 302, description: "to the identity provider's authorization endpoint" })
  @ApiErrorResponse(404, 'no identity provider is configured for the organization')
  @ApiErrorResponse(503, 'the identity provider cannot be reached')
  async oidcLogin(@Param('organization') organization: string, @Res() response: Response): Promise<void> {
    const { location, cookie } = await this.oidc.begin(organization);
    response.setHeader('Set-Cookie', cookie);
    response.setHeader('Cache-Control', 'no-store');
    response.redirect(302, location);
  }

  @Get('oidc/callback')
  @Public()
  @ApiOperation({
    summary:
      'Where the identity provider sends the browser back: redirects to /#/signed-in with our tokens in the URL fragment (accounts are matched, never created)',
  })
  @ApiQuery({ name: 'code', required: false, type: String })
  @ApiQuery({ name: 'state', required: true, type: String })
  @ApiResponse({ status: 302, description: 'to /#/signed-in?accessToken=…&refreshToken=…&expiresIn=…' })
  @ApiErrorResponse(400, 'state missing, expired or not of this browser')
  @ApiErrorResponse(401, 'the identity provider refused, or its answer was not valid')
  @ApiErrorResponse(403, 'no (active) account of the organization for this identity')
  @ApiErrorResponse(503, 'the identity provider cannot be reached')
  async oidcCallback(
    @Query() query: Record<string, unknown>,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    response.setHeader('Cache-Control', 'no-store');
    response.setHeader('Referrer-Policy', 'no-referrer');
    const { location } = await this.oidc.finish(query ?? {}, request.headers.cookie, (cookie) =>
      response.setHeader('Set-Cookie', cookie),
    );
    response.redirect(302, location);
  }

  @Get('me')
  @Allow(Access.member)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Who I am: account, organization, and the delegations I hold today' })
  @ApiAnswer(Me)
  @ApiErrorResponse(401)
  me(@CurrentPrincipal() p: Principal) {
    return {
      username: p.id,
      displayName: p.displayName,
      role: p.role,
      unitCode: p.unitCode ?? null,
      organization: p.organizationCode,
      grants: p.grants ?? [],
    };
  }
}
