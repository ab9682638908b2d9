/**
 * Notifications in a person's notification centre, written straight into the store as the
 * notifier writes them (same table, same kind of id): for tests of the centre itself, which need
 * a known set of notifications without running a year for them.
 */
import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { NotificationKind } from '@ita/domain/notifications/notification-kinds';
import { NotificationEntity, UserAccountEntity } from '@ita/persistence/entities';

export interface SeededNotification {
  kind: NotificationKind;
  title: string;
  body: string;
  link: string;
  createdAt: string;
}

/** Writes the notifications for `username` (unread); their ids, in the order given. */
export async function seedNotifications(
  dataSource: DataSource,
  username: string,
  items: SeededNotification[],
): Promise<string[]> {
  const user = await dataSource.getRepository(UserAccountEntity).findOneByOrFail({ username });
  const rows = items.map((n, i) => ({
    id: createHash('sha256').update(`${n.kind}\u0000test:${i}:${n.createdAt}\u0000${username}`).digest('hex'),
    organizationId: user.organizationId,
    userId: user.id,
    kind: n.kind,
    subjectKey: `test:${i}:${n.createdAt}`,
    fiscalYear: 2565,
    measureCode: 'M01-I7',
    title: n.title,
    body: n.body,
    link: n.link,
    language: 'th' as const,
    createdAt: n.createdAt,
    readAt: null,
    digestAt: null,
    mailId: null,
  }));
  await dataSource.getRepository(NotificationEntity).insert(rows);
  return rows.map((r) => r.id);
}
