/**
 * A person's notification centre and notification preferences: his own only (the principal's
 * user id picks the rows, never a parameter). Preferences are not in the audit trail, as the
 * web app's language is not: they are the person's own settings of how he is told, and change no
 * one's authority or work; every notification reaches the centre whatever he chooses, so what he
 * was told stays on record there, and the row keeps when he last chose (updatedAt).
 */
import { Injectable } from '@nestjs/common';
import type { z } from 'zod';
import { DomainError, DomainErrorCode } from '@ita/domain/domain-error';
import { NOTIFICATION_KINDS } from '@ita/domain/notifications/notification-kinds';
import type { NotificationEntity } from '@ita/persistence/entities';
import { IdentityRepository } from '@ita/persistence/identity.repository';
import { NotificationRepository } from '@ita/persistence/notification.repository';
import type { Principal } from '../auth/access';
import type { NotificationPreferencesBody } from './notifications.schemas';

/** A notification's id: sha256 hex (notification.repository.ts). */
const NOTIFICATION_ID = /^[0-9a-f]{64}$/;

@Injectable()
export class NotificationCentreService {
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly identity: IdentityRepository,
  ) {}

  async list(p: Principal, options: { unreadOnly: boolean; limit: number }) {
    const [items, unread] = await Promise.all([
      this.notifications.list(p.userId, options),
      this.notifications.unreadCount(p.userId),
    ]);
    return { unread, items: items.map(viewOf) };
  }

  /** Marks one of his notifications read (again: no change); a 404 naming `id` if he has no such one. */
  async markRead(p: Principal, id: string): Promise<void> {
    const found = NOTIFICATION_ID.test(id) && (await this.notifications.markRead(p.userId, id, now()));
    if (!found)
      throw new DomainError(DomainErrorCode.NotFound, `you have no notification ${id.slice(0, 80)}`, [
        { path: 'id', message: 'not one of your notifications' },
      ]);
  }

  async markAllRead(p: Principal) {
    return { marked: await this.notifications.markAllRead(p.userId, now()) };
  }

  async preferences(p: Principal) {
    const [prefs, user] = await Promise.all([
      this.notifications.preferences(p.userId),
      this.identity.findUserById(p.userId),
    ]);
    return {
      language: prefs.language,
      digestHour: prefs.digestHour,
      emailKinds: prefs.emailKinds,
      kinds: [...NOTIFICATION_KINDS],
      email: user?.email ?? null,
      updatedAt: prefs.updatedAt,
    };
  }

  /** Saves his choice (kinds in the domain's order) and answers it as stored. */
  async savePreferences(p: Principal, body: z.output<typeof NotificationPreferencesBody>) {
    await this.notifications.savePreferences(
      p.userId,
      {
        language: body.language,
        digestHour: body.digestHour,
        emailKinds: NOTIFICATION_KINDS.filter((k) => body.emailKinds.includes(k)),
      },
      now(),
    );
    return this.preferences(p);
  }
}

const now = () => new Date().toISOString();

function viewOf(n: NotificationEntity) {
  return {
    id: n.id,
    kind: n.kind,
    title: n.title,
    body: n.body,
    link: n.link,
    createdAt: n.createdAt,
    readAt: n.readAt,
  };
}
