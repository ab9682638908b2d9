/**
 * The contracts of notifications: a person's notification centre and preferences, and the
 * organization's notification settings (reminder days, webhook). The kinds, languages and limits
 * are the domain's (libs/domain/src/notifications), so the web app's labels are typed by them.
 */
import { z } from 'zod';
import {
  NOTIFICATION_KINDS,
  NOTIFICATION_LANGUAGES,
  REMINDER_DAYS_LIMITS,
} from '@ita/domain/notifications/notification-kinds';
import { component, instant, int, text } from '../http/schema';

/** A webhook's address: at most this long (the column's length). */
export const MAX_WEBHOOK_URL = 500;

// --- enumerations ---------------------------------------------------------------------------------

export const NotificationKind = component('NotificationKind', z.enum(NOTIFICATION_KINDS));
export const NotificationLanguage = component(
  'NotificationLanguage',
  z.enum(NOTIFICATION_LANGUAGES),
  'the language notifications and e-mails are written in',
);

// --- bodies ---------------------------------------------------------------------------------------

export const NotificationPreferencesBody = component(
  'NotificationPreferencesBody',
  z.object({
    language: NotificationLanguage,
    digestHour: z
      .number({ error: (i) => (i.input === undefined ? 'is required' : 'must be a whole number from 0 to 23') })
      .int('must be a whole number from 0 to 23')
      .min(0, 'must be a whole number from 0 to 23')
      .max(23, 'must be a whole number from 0 to 23')
      .describe('the hour (Asia/Bangkok) the daily digest and the reminders are sent'),
    emailKinds: z
      .array(NotificationKind, { error: (i) => (i.input === undefined ? 'is required' : 'must be a list of kinds') })
      .refine((kinds) => new Set(kinds).size === kinds.length, 'lists a kind twice')
      .describe('the kinds that also come by e-mail (every kind always reaches the notification centre)'),
  }),
);

const reminderDay = z
  .number({ error: `must be a whole number of days from ${REMINDER_DAYS_LIMITS.min} to ${REMINDER_DAYS_LIMITS.max}` })
  .int(`must be a whole number of days from ${REMINDER_DAYS_LIMITS.min} to ${REMINDER_DAYS_LIMITS.max}`)
  .min(REMINDER_DAYS_LIMITS.min, `must be from ${REMINDER_DAYS_LIMITS.min} to ${REMINDER_DAYS_LIMITS.max} days`)
  .max(REMINDER_DAYS_LIMITS.max, `must be from ${REMINDER_DAYS_LIMITS.min} to ${REMINDER_DAYS_LIMITS.max} days`);

export const NotificationSettingsBody = component(
  'NotificationSettingsBody',
  z.object({
    reminderDays: z
      .array(reminderDay, { error: (i) => (i.input === undefined ? 'is required' : 'must be a list of days') })
      .min(1, 'needs at least one day')
      .max(REMINDER_DAYS_LIMITS.count, `has at most ${REMINDER_DAYS_LIMITS.count} days`)
      .refine((days) => new Set(days).size === days.length, 'lists a day twice')
      .describe('days before a due date the reminders go, e.g. [7, 1]'),
  }),
);

export const WebhookBody = component(
  'WebhookBody',
  z.object({
    url: z
      .string({ error: (i) => (i.input === undefined ? 'is required' : 'must be text') })
      .max(MAX_WEBHOOK_URL, `is longer than ${MAX_WEBHOOK_URL} characters`)
      .refine(isWebAddress, 'must be an http:// or https:// address')
      .describe('where notifications are posted (JSON, signed)'),
  }),
);

function isWebAddress(raw: string): boolean {
  try {
    const url = new URL(raw);
    return (url.protocol === 'https:' || url.protocol === 'http:') && !!url.hostname && !url.username && !url.password;
  } catch {
    return false;
  }
}

// --- answers --------------------------------------------------------------------------------------

export const Notification = component(
  'Notification',
  z.object({
    id: z.string(),
    kind: NotificationKind,
    title: z.string(),
    body: z.string(),
    link: text('where in the web app it leads, e.g. /#/tasks/2570/M01-I7/Q1-S1-HR'),
    createdAt: instant("when it happened (on the measure's clock)"),
    readAt: instant().nullable(),
  }),
);
export const NotificationList = component(
  'NotificationList',
  z.object({
    unread: int('unread notifications in all (not only those listed)'),
    items: z.array(Notification).describe('newest first'),
  }),
);
export const MarkedRead = component('MarkedRead', z.object({ marked: int('notifications marked read now') }));

export const NotificationPreferences = component(
  'NotificationPreferences',
  z.object({
    language: NotificationLanguage,
    digestHour: int('0–23, Asia/Bangkok'),
    emailKinds: z.array(NotificationKind),
    kinds: z.array(NotificationKind).describe('every kind there is, in order'),
    email: text('where e-mails go; null: no address on file, the notification centre only').nullable(),
    updatedAt: instant('null: never chosen (the defaults)').nullable(),
  }),
);

export const NotificationSettings = component(
  'NotificationSettings',
  z.object({
    reminderDays: z.array(int()).describe('days before a due date the reminders go, latest first'),
    webhook: z
      .object({ url: z.string(), registeredAt: instant().nullable() })
      .nullable()
      .describe('null: none registered'),
  }),
  "an organization's notification settings",
);
export const RegisteredWebhook = component(
  'RegisteredWebhook',
  z.object({
    url: z.string(),
    secret: text(
      'the HMAC-SHA256 key of the X-ITA-Signature of its posts; shown only in this answer (register again for a new one)',
    ),
    registeredAt: instant(),
  }),
);
