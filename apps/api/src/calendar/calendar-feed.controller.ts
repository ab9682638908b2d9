import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../auth/access';
import { ApiErrorResponse } from '../http/common.schemas';
import { CalendarFeedService } from './calendar-feed.service';
import { clientHas } from './calendar-ics';

/** The feed itself, fetched by calendar applications that sign in to nothing: the URL's secret is the key. */
@ApiTags('calendar')
@Controller('calendar')
export class CalendarFeedController {
  constructor(private readonly feeds: CalendarFeedService) {}

  @Get(':token.ics')
  @Public()
  @ApiOperation({
    summary:
      "A person's calendar feed (iCalendar): his tasks' and reports' due dates as all-day events on the last day (Asia/Bangkok), for Google Calendar or Outlook to subscribe to",
    description:
      'No sign-in: the secret in the URL (from POST /api/me/calendar) is the only key, and the request log never records it. ' +
      'An entity tag lets a calendar ask again cheaply (If-None-Match: 304).',
  })
  @ApiParam({ name: 'token', description: 'the secret of the feed URL' })
  @ApiOkResponse({ description: 'the calendar', content: { 'text/calendar': { schema: { type: 'string' } } } })
  @ApiResponse({ status: 304, description: 'unchanged since the entity tag sent in If-None-Match' })
  @ApiErrorResponse(404, 'no such feed (unknown, replaced or revoked): nothing more is said')
  async feed(@Param('token') token: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const { document, etag } = await this.feeds.feed(token);
    res.setHeader('ETag', etag);
    // Private to its owner; a calendar asks again whenever it likes, and the tag makes that cheap.
    res.setHeader('Cache-Control', 'private, no-cache');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Robots-Tag', 'noindex');
    if (clientHas(req.headers['if-none-match'], etag)) {
      res.status(304).end();
      return;
    }
    res.setHeader('Content-Type', 'text/calendar; charset=utf-8');
    res.setHeader('Content-Disposition', 'inline; filename="ita.ics"');
    res.status(200).send(document);
  }
}
