/** An organization's notification settings over HTTP (the Director and planners): thin; NotificationSettingsService has the logic. */
import { Body, Controller, Delete, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { Access, Allow, CurrentPrincipal, Principal } from '../auth/access';
import { ApiErrorResponse, ApiErrorResponses } from '../http/common.schemas';
import { ApiAnswer, ApiBodyOf, ApiNoContent, ApiPathParams } from '../http/schema';
import { valid } from '../http/validation';
import { NotificationSettingsService } from './notification-settings.service';
import {
  NotificationSettings,
  NotificationSettingsBody,
  RegisteredWebhook,
  WebhookBody,
} from './notifications.schemas';

@ApiTags('notifications')
@ApiBearerAuth()
@ApiPathParams('organization')
@ApiErrorResponses(401, 403, 404)
@Controller('organizations/:organization')
export class NotificationSettingsController {
  constructor(private readonly settings: NotificationSettingsService) {}

  @Get('notification-settings')
  @Allow(Access.notificationSettings)
  @ApiOperation({
    summary: "The organization's reminder days and webhook (its address; the secret is never shown again)",
  })
  @ApiAnswer(NotificationSettings)
  get(@Param('organization') organization: string) {
    return this.settings.settings(organization);
  }

  @Put('notification-settings')
  @Allow(Access.notificationSettings)
  @ApiOperation({
    summary: 'Set the days before a due date reminders go (e.g. [7, 1]); audited as organization.updated',
  })
  @ApiBodyOf(NotificationSettingsBody)
  @ApiAnswer(NotificationSettings)
  @ApiErrorResponse(400)
  save(
    @Param('organization') organization: string,
    @Body(valid(NotificationSettingsBody)) body: z.output<typeof NotificationSettingsBody>,
    @CurrentPrincipal() p: Principal,
  ) {
    return this.settings.saveReminderDays(organization, body, p);
  }

  @Put('webhook')
  @Allow(Access.notificationSettings)
  @ApiOperation({
    summary: 'Register (or replace) the webhook notifications are posted to, with a new secret shown only here',
    description:
      'Posts carry X-ITA-Timestamp and X-ITA-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>" keyed by the secret>. ' +
      'Audited as organization.updated with the address, never the secret.',
  })
  @ApiBodyOf(WebhookBody)
  @ApiAnswer(RegisteredWebhook)
  @ApiErrorResponse(400)
  register(
    @Param('organization') organization: string,
    @Body(valid(WebhookBody)) body: z.output<typeof WebhookBody>,
    @CurrentPrincipal() p: Principal,
  ) {
    return this.settings.registerWebhook(organization, body, p);
  }

  @Delete('webhook')
  @Allow(Access.notificationSettings)
  @ApiOperation({ summary: 'Remove the webhook (posts not yet delivered are dropped); none registered: no change' })
  @ApiNoContent('removed (or there was none)')
  async remove(@Param('organization') organization: string, @CurrentPrincipal() p: Principal): Promise<void> {
    await this.settings.removeWebhook(organization, p);
  }
}
