/** The contracts of a person's own calendar feed. */
import { z } from 'zod';
import { component, instant, text } from '../http/schema';

// --- bodies ---------------------------------------------------------------------------------------

export const CalendarFeedBody = component(
  'CalendarFeedBody',
  z.strictObject({}),
  'nothing: the server makes the secret URL (any field is refused)',
);

// --- answers --------------------------------------------------------------------------------------

export const CalendarFeedStatus = component(
  'CalendarFeedStatus',
  z.object({
    active: z.boolean().describe('the person has a live feed (its URL was shown once, when it was made)'),
    createdAt: instant('when the live feed was made').nullable(),
    revokedAt: instant('when the last feed was revoked, if it was and none was made since').nullable(),
  }),
);
export const CalendarFeedIssued = component(
  'CalendarFeedIssued',
  z.object({
    url: text('the private iCalendar URL, shown this once: subscribe to it from Google Calendar or Outlook'),
    createdAt: instant(),
  }),
);
