import { Module } from '@nestjs/common';
import { MeasuresModule } from '../measures/measures.module';
import { CalendarFeedController } from './calendar-feed.controller';
import { CalendarFeedService } from './calendar-feed.service';
import { MyCalendarController } from './my-calendar.controller';

/** Personal calendar feeds: each person's own (made, replaced, revoked) and the public iCalendar URL. */
@Module({
  imports: [MeasuresModule],
  controllers: [MyCalendarController, CalendarFeedController],
  providers: [CalendarFeedService],
})
export class CalendarModule {}
