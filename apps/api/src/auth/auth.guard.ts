/**
 * The one gate every request passes: who is calling (a bearer access token), whether the
 * organization in the path is his, and whether the route's access rule lets him in. Routes
 * without a rule are refused: access is denied unless granted.
 */
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, DomainErrorCode } from '@ita/domain/domain-error';
import { ACCESS_RULE, AccessRule, AuthenticatedRequest, PUBLIC_ROUTE } from './access';
import { AuthService } from './auth.service';

const forbidden = (path: string, message: string) =>
  new DomainError(DomainErrorCode.Forbidden, message, [{ path, message }]);

@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, targets);
    if (!rule) throw forbidden('(route)', 'this route has no access rule, so nobody may call it');

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer ([A-Za-z0-9._~+/=-]{1,4096})$/.exec(header.trim()) : null;
    if (!match) {
      const message = header
        ? 'the Authorization header must be "Bearer <access token>"'
        : 'sign in first: send Authorization: Bearer <access token>';
      throw new DomainError(DomainErrorCode.Unauthenticated, message, [{ path: 'authorization', message }]);
    }
    const now = Date.now();
    const principal = await this.auth.principal(match[1], now);
    const organization = request.params?.organization;
    if (organization !== undefined && organization !== principal.organizationCode) {
      throw forbidden(
        'organization',
        `your account belongs to ${principal.organizationCode}; you cannot see or change ${organization}`,
      );
    }
    if (!rule.allows(principal, (request.params ?? {}) as Record<string, string>, now)) {
      throw forbidden(
        'role',
        `only ${rule.who} may do this (you are ${principal.role}${principal.unitCode ? ` of ${principal.unitCode}` : ''})`,
      );
    }
    request.principal = principal;
    return true;
  }
}
