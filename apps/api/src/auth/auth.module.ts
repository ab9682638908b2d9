import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccountService } from './account.service';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { DelegationService } from './delegation.service';
import { IdentityController } from './identity.controller';
import { OidcService } from './oidc.service';
import { TokenService } from './token.service';

/** Sign-in (password or the organization's identity provider), tokens, delegations, and the guard in front of every route. */
@Global()
@Module({
  controllers: [AuthController, IdentityController],
  providers: [
    TokenService,
    AuthService,
    OidcService,
    DelegationService,
    AccountService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AuthService, AccountService],
})
export class AuthModule {}
