/** The signed-in person's notification centre and preferences over HTTP: thin; NotificationCentreService has the logic. */
import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { Access, Allow, CurrentPrincipal, Principal } from '../auth/access';
import { ApiErrorResponse, ApiErrorResponses } from '../http/common.schemas';
import { parseBoolean, parseIntParam } from '../http/params';
import { ApiAnswer, ApiBodyOf, ApiNoContent } from '../http/schema';
import { valid } from '../http/validation';
import { NotificationCentreService } from './notification-centre.service';
import {
  MarkedRead,
  NotificationList,
  NotificationPreferences,
  NotificationPreferencesBody,
} from './notifications.schemas';

/** How many notifications one list answers at most, and by default. */
const MAX_LIMIT = 200;
const DEFAULT_LIMIT = 50;

@ApiTags('notifications')
@ApiBearerAuth()
@ApiErrorResponses(401)
@Controller('me')
export class NotificationsController {
  constructor(private readonly centre: NotificationCentreService) {}

  @Get('notifications')
  @Allow(Access.member)
  @ApiOperation({ summary: 'My notifications, newest first, and how many are unread' })
  @ApiQuery({ name: 'unread', required: false, type: Boolean, description: 'only the unread ones' })
  @ApiQuery({ name: 'limit', required: false, type: Number, description: `1–${MAX_LIMIT}, default ${DEFAULT_LIMIT}` })
  @ApiAnswer(NotificationList)
  @ApiErrorResponse(400)
  list(@CurrentPrincipal() p: Principal, @Query('unread') unread?: string, @Query('limit') limit?: string) {
    return this.centre.list(p, {
      unreadOnly: parseBoolean('unread', unread),
      limit: parseIntParam('limit', limit, 1, MAX_LIMIT, DEFAULT_LIMIT)!,
    });
  }

  @Post('notifications/read-all')
  @HttpCode(200)
  @Allow(Access.member)
  @ApiOperation({ summary: 'Mark all my notifications read' })
  @ApiAnswer(MarkedRead)
  markAllRead(@CurrentPrincipal() p: Principal) {
    return this.centre.markAllRead(p);
  }

  @Post('notifications/:id/read')
  @Allow(Access.member)
  @ApiOperation({ summary: 'Mark one of my notifications read (again: no change)' })
  @ApiParam({ name: 'id', type: String, description: 'the notification id' })
  @ApiNoContent('marked read')
  @ApiErrorResponse(404, 'not one of my notifications (the problem names id)')
  async markRead(@CurrentPrincipal() p: Principal, @Param('id') id: string): Promise<void> {
    await this.centre.markRead(p, id);
  }

  @Get('notification-preferences')
  @Allow(Access.member)
  @ApiOperation({ summary: 'How I am told: language, digest hour, the kinds that also come by e-mail, and my address' })
  @ApiAnswer(NotificationPreferences)
  preferences(@CurrentPrincipal() p: Principal) {
    return this.centre.preferences(p);
  }

  @Put('notification-preferences')
  @Allow(Access.member)
  @ApiOperation({
    summary: 'Choose how I am told (every kind always reaches the notification centre)',
    description: 'A personal setting: not in the audit trail.',
  })
  @ApiBodyOf(NotificationPreferencesBody)
  @ApiAnswer(NotificationPreferences)
  @ApiErrorResponse(400)
  savePreferences(
    @CurrentPrincipal() p: Principal,
    @Body(valid(NotificationPreferencesBody)) body: z.output<typeof NotificationPreferencesBody>,
  ) {
    return this.centre.savePreferences(p, body);
  }
}
