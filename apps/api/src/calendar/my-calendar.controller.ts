import { Body, Controller, Get, Header, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { Access, Allow, CurrentPrincipal, Principal } from '../auth/access';
import { ApiErrorResponse, ApiErrorResponses } from '../http/common.schemas';
import { ApiAnswer, ApiBodyOf } from '../http/schema';
import { valid } from '../http/validation';
import { CalendarFeedService } from './calendar-feed.service';
import { CalendarFeedBody, CalendarFeedIssued, CalendarFeedStatus } from './calendar.schemas';

/**
 * The signed-in person's own calendar feed. Not idempotent by key on purpose: a replayed answer
 * would have to be stored, and this one holds the feed's secret.
 */
@ApiTags('people')
@ApiBearerAuth()
@ApiErrorResponses(401)
@Controller('me/calendar')
export class MyCalendarController {
  constructor(private readonly feeds: CalendarFeedService) {}

  @Get()
  @Allow(Access.member)
  @ApiOperation({ summary: 'Whether I have a calendar feed, and since when (its URL is shown only when it is made)' })
  @ApiAnswer(CalendarFeedStatus)
  status(@CurrentPrincipal() p: Principal) {
    return this.feeds.status(p);
  }

  @Post()
  @Allow(Access.member)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary:
      'Make my private calendar feed (iCalendar) of the due dates of my tasks and reports, or a new one in place of it (the old URL stops working); the URL is answered this once',
  })
  @ApiBodyOf(CalendarFeedBody, { required: false })
  @ApiAnswer(CalendarFeedIssued, { status: 201 })
  @ApiErrorResponse(400)
  issue(@CurrentPrincipal() p: Principal, @Body(valid(CalendarFeedBody)) _body: z.output<typeof CalendarFeedBody>) {
    return this.feeds.issue(p);
  }

  @Post('revoke')
  @HttpCode(204)
  @Allow(Access.member)
  @ApiOperation({ summary: 'Revoke my calendar feed: its URL answers 404 from now on' })
  @ApiResponse({ status: 204, description: 'revoked' })
  @ApiErrorResponse(404, 'I have no live calendar feed')
  revoke(@CurrentPrincipal() p: Principal): Promise<void> {
    return this.feeds.revoke(p);
  }
}
