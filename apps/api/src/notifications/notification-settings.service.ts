/**
 * An organization's notification settings (the Director and planners): the days before a due date
 * reminders go, and the webhook its own systems receive notifications at. Each change is an
 * `organization.updated` entry in the organization's audit chain (NotificationRepository); a
 * webhook's secret is made here, answered once, and never read back nor recorded.
 */
import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { normalizeReminderDays } from '@ita/domain/notifications/notification-schedule';
import type { AuditActor } from '@ita/persistence/identity.repository';
import { NotificationRepository } from '@ita/persistence/notification.repository';
import { PlanRepository } from '@ita/persistence/plan.repository';
import type { Principal } from '../auth/access';
import { requireOrganization } from '../http/params';
import type { NotificationSettingsBody, WebhookBody } from './notifications.schemas';

/** Bytes of a webhook secret (hex in the answer): 256 bits, the size of the HMAC-SHA256 key. */
const SECRET_BYTES = 32;

@Injectable()
export class NotificationSettingsService {
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly plans: PlanRepository,
  ) {}

  async settings(organizationCode: string) {
    const org = await requireOrganization(this.plans, organizationCode);
    return (await this.notifications.organizationSettings(org.id))!;
  }

  async saveReminderDays(organizationCode: string, body: z.output<typeof NotificationSettingsBody>, p: Principal) {
    const org = await requireOrganization(this.plans, organizationCode);
    return this.notifications.saveReminderDays(org.id, normalizeReminderDays(body.reminderDays), actorOf(p));
  }

  /** Registers (or replaces) the webhook with a new secret: the answer is the only place the secret is shown. */
  async registerWebhook(organizationCode: string, body: z.output<typeof WebhookBody>, p: Principal) {
    const org = await requireOrganization(this.plans, organizationCode);
    const secret = randomBytes(SECRET_BYTES).toString('hex');
    const saved = await this.notifications.registerWebhook(org.id, body.url, secret, actorOf(p));
    return { url: body.url, secret, registeredAt: saved.webhook?.registeredAt ?? new Date().toISOString() };
  }

  /** Removes the webhook; removing none is no change (and nothing recorded). */
  async removeWebhook(organizationCode: string, p: Principal): Promise<void> {
    const org = await requireOrganization(this.plans, organizationCode);
    await this.notifications.removeWebhook(org.id, actorOf(p));
  }
}

const actorOf = (p: Principal): AuditActor => ({ id: p.id, role: p.role, unitCode: p.unitCode });
