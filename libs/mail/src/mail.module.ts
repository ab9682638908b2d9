/**
 * The Mailer for NestJS apps: MAILER is the one Mailer of the process, built from the validated
 * configuration, or null when SMTP_URL is unset (mail is off; the callers then send nothing).
 */
import { Global, Module } from '@nestjs/common';
import type { AppConfig } from '@ita/config/app-config';
import { APP_CONFIG } from '@ita/config/config.module';
import { Mailer } from './mailer';

/** Injection token: `@Inject(MAILER) mailer: Mailer | null`. */
export const MAILER = Symbol('MAILER');

export function mailerFromConfig(config: AppConfig): Mailer | null {
  return config.mail.smtpUrl === null ? null : new Mailer(config.mail.smtpUrl, { from: config.mail.from });
}

@Global()
@Module({
  providers: [{ provide: MAILER, inject: [APP_CONFIG], useFactory: mailerFromConfig }],
  exports: [MAILER],
})
export class MailModule {}
