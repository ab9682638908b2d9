/**
 * Notifications in the store: the outbox of measure changes the projection writes, the planning
 * the organization's notifier runs (changes and due dates into notifications, mails and webhook
 * posts), their delivery bookkeeping, and the notification centre and preferences people use.
 *
 * Everything written has an id derived from what it is (sha256 of kind, subject and recipient;
 * of the digest's person and hour; of the event), and is inserted only if absent, so planning may
 * run again after a crash, a retry or a replay of the notifier and never writes a thing twice.
 *
 * The organization's own notification settings (reminder days, webhook) are changes of the
 * organization: each is an `organization.updated` entry in its audit chain, in the same
 * transaction, with the webhook's address but never its secret.
 */
import { createHash } from 'node:crypto';
import { DataSource, EntityManager, In, IsNull, LessThanOrEqual, MoreThan } from 'typeorm';
import type { DeliveryRef, PlannedNotifications } from '@ita/contracts/notification.contracts';
import type { AuditRecord, ProjectionBatch } from '@ita/contracts/measure.contracts';
import {
  DEFAULT_PREFERENCES,
  DEFAULT_REMINDER_DAYS,
  DIGEST_KINDS,
  NotificationKind,
  NotificationPreferences,
  REMINDER_KIND,
} from '@ita/domain/notifications/notification-kinds';
import { measureRoute, taskRoute, webRoute } from '@ita/domain/web-routes';
import { nextHourOfDay, reminderAt } from '@ita/domain/notifications/notification-schedule';
import {
  digestMail,
  NotificationFacts,
  notificationMail,
  notificationText,
} from '@ita/domain/notifications/notification-templates';
import {
  Directory,
  EVENT_KINDS,
  MeasureEvent,
  recipientsOfEvent,
  recipientsOfReminder,
} from '@ita/domain/notifications/recipients';
import {
  DelegationEntity,
  MailOutboxEntity,
  MeasureEntity,
  MeasureRunEntity,
  NotificationEntity,
  NotificationEventEntity,
  NotificationPreferenceEntity,
  OrganizationEntity,
  PlanEntity,
  ReportEntity,
  TaskEntity,
  UnitEntity,
  UserAccountEntity,
  WebhookDeliveryEntity,
} from './entities';
import { AuditRepository } from './audit.repository';
import type { AuditActor } from './identity.repository';

export const sha256 = (...parts: Array<string | number>) =>
  createHash('sha256').update(parts.join('\u0000')).digest('hex');

/** How many deliveries one plan hands out (the rest wait for the next plan). */
const DELIVERIES_PER_PLAN = 200;
const PENDING_TASK = ['open', 'returned'];
const PENDING_REPORT = ['open', 'returned'];

/** What planning needs to know of the organization, read once per plan. */
interface PlanContext {
  org: OrganizationEntity;
  directory: Directory;
  users: Map<string, UserAccountEntity>;
  preferences: Map<number, NotificationPreferences>;
  unitNames: Map<string, string>;
  measureTitles: Map<string, string>;
  dayMs: Map<string, number>;
  mailEnabled: boolean;
  appUrl: string;
}

export interface PlanOptions {
  /** With no mail server configured, notifications reach the notification centre only. */
  mailEnabled: boolean;
  /** The web app's public URL, for the links in mails and webhook posts. */
  appUrl: string;
}

/** An organization's notification settings as people see them (the webhook's secret is never read back). */
export interface OrganizationNotificationSettings {
  /** Days before a due date the reminders go, latest first (the default when the organization set none). */
  reminderDays: number[];
  webhook: { url: string; registeredAt: string | null } | null;
}

export class NotificationRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditRepository,
  ) {}

  // --- the outbox of measure changes (written with the projection) ------------------------------

  /** The batch's changes that tell anyone, into the outbox, in the projection's transaction. */
  async recordEvents(em: EntityManager, organizationId: number, batch: ProjectionBatch): Promise<number> {
    const rows = batch.audit
      .map((a, index) => ({ a, index }))
      .filter(({ a }) => EVENT_KINDS[a.action])
      .map(({ a, index }) => this.eventRow(organizationId, batch, a, index));
    if (rows.length === 0) return 0;
    const repo = em.getRepository(NotificationEventEntity);
    const known = new Set(
      (await repo.find({ select: { id: true }, where: { id: In(rows.map((r) => r.id)) } })).map((r) => r.id),
    );
    const fresh = rows.filter((r) => !known.has(r.id));
    if (fresh.length) await repo.insert(fresh as never);
    return rows.length;
  }

  private eventRow(
    organizationId: number,
    batch: ProjectionBatch,
    a: AuditRecord,
    index: number,
  ): NotificationEventEntity {
    return {
      id: sha256(batch.workflowId, batch.seq, index),
      organizationId,
      workflowId: batch.workflowId,
      fiscalYear: batch.fiscalYear,
      measureCode: batch.measureCode,
      action: a.action,
      entity: a.entity,
      entityKey: a.key,
      actorId: a.actorId,
      payload: { before: a.before ?? null, after: a.after ?? null },
      occurredAt: a.at,
      processedAt: null,
    };
  }

  // --- planning (the notifier's activity) --------------------------------------------------------

  /** Everything that happened, and fell due by `now`, into notifications, mails and posts; what to deliver, and when next. */
  async plan(organizationCode: string, now: string, options: PlanOptions): Promise<PlannedNotifications> {
    const org = await this.dataSource.getRepository(OrganizationEntity).findOneBy({ code: organizationCode });
    if (!org) return { deliveries: [], nextAt: null };
    const ctx = await this.context(org, options);
    await this.tellEvents(ctx, now);
    const nextReminder = await this.remind(ctx, now);
    const nextDigest = await this.gatherDigests(ctx, now);
    const nextAt = [nextReminder, nextDigest].filter((t): t is string => !!t).sort()[0] ?? null;
    return { deliveries: await this.pendingDeliveries(org.id), nextAt };
  }

  private async context(org: OrganizationEntity, options: PlanOptions): Promise<PlanContext> {
    const db = this.dataSource;
    const people = await db.getRepository(UserAccountEntity).findBy({ organizationId: org.id });
    const delegations = await db.getRepository(DelegationEntity).findBy({ organizationId: org.id });
    const stored = await db.getRepository(NotificationPreferenceEntity).findBy({ userId: In(people.map((p) => p.id)) });
    const units = await db.getRepository(UnitEntity).findBy({ organizationId: org.id });
    const runs = await db.getRepository(MeasureRunEntity).find({
      select: { workflowId: true, dayMs: true, fiscalYear: true, measureCode: true },
      where: { organizationId: org.id },
    });
    const plans = await db
      .getRepository(PlanEntity)
      .find({ select: { id: true, fiscalYear: true }, where: { organizationId: org.id } });
    const measures = plans.length
      ? await db.getRepository(MeasureEntity).find({
          select: { planId: true, code: true, title: true },
          where: { planId: In(plans.map((p) => p.id)) },
        })
      : [];
    const yearOfPlan = new Map(plans.map((p) => [p.id, p.fiscalYear]));
    return {
      org,
      directory: {
        people: people.map((p) => ({ username: p.username, role: p.role, unitCode: p.unitCode, active: p.active })),
        delegations: delegations.map((d) => ({ ...d })),
      },
      users: new Map(people.map((p) => [p.username, p])),
      preferences: new Map(
        stored.map((p) => [p.userId, { language: p.language, digestHour: p.digestHour, emailKinds: p.emailKinds }]),
      ),
      unitNames: new Map(units.map((u) => [u.code, u.name])),
      measureTitles: new Map(measures.map((m) => [`${yearOfPlan.get(m.planId)}/${m.code}`, m.title])),
      dayMs: new Map(runs.map((r) => [r.workflowId, r.dayMs])),
      ...options,
    };
  }

  private preferencesOf(ctx: PlanContext, user: UserAccountEntity): NotificationPreferences {
    return ctx.preferences.get(user.id) ?? DEFAULT_PREFERENCES;
  }

  /** Each change not yet told: a notification for each of its recipients, a webhook post, then marked told. */
  private async tellEvents(ctx: PlanContext, now: string): Promise<void> {
    const events = await this.dataSource.getRepository(NotificationEventEntity).find({
      where: { organizationId: ctx.org.id, processedAt: IsNull() },
      order: { occurredAt: 'ASC', id: 'ASC' },
      take: 500,
    });
    for (const event of events) {
      const measureEvent: MeasureEvent = {
        action: event.action,
        entity: event.entity,
        key: event.entityKey,
        at: event.occurredAt,
        actorId: event.actorId,
        after: event.payload.after as MeasureEvent['after'],
        before: event.payload.before as MeasureEvent['before'],
      };
      const kind = EVENT_KINDS[event.action];
      const facts = this.factsOf(ctx, event, kind);
      const dayMs = ctx.dayMs.get(event.workflowId) ?? 86_400_000;
      await this.dataSource.transaction(async (em) => {
        for (const r of recipientsOfEvent(ctx.directory, measureEvent)) {
          await this.notify(em, ctx, {
            username: r.username,
            kind: r.kind,
            subjectKey: `event:${event.id}`,
            facts: { ...facts, copy: r.copy },
            at: event.occurredAt,
            link: linkOf(event.fiscalYear, event.measureCode, event.entity, event.entityKey),
            digestAnchor: facts.task?.dueAt ?? facts.report?.dueAt ?? event.occurredAt,
            dayMs,
          });
        }
        if (ctx.org.webhookUrl) await this.postWebhook(em, ctx, event, kind, facts);
        await em.getRepository(NotificationEventEntity).update({ id: event.id }, { processedAt: now });
      });
    }
  }

  private factsOf(ctx: PlanContext, event: NotificationEventEntity, kind: NotificationKind): NotificationFacts {
    const after = (event.payload.after ?? {}) as Record<string, unknown>;
    const base = {
      kind,
      fiscalYear: event.fiscalYear,
      measureCode: event.measureCode,
      measureTitle: ctx.measureTitles.get(`${event.fiscalYear}/${event.measureCode}`),
    };
    if (event.entity === 'task') {
      const unitCode = String(after.unitCode ?? '');
      return {
        ...base,
        task: {
          quarter: Number(after.quarter),
          stepNumber: Number(after.stepNumber),
          unitCode,
          unitName: ctx.unitNames.get(unitCode),
          dueAt: String(after.dueAt),
          ...(after.returnReason ? { returnReason: String(after.returnReason) } : {}),
        },
      };
    }
    return {
      ...base,
      report: {
        periodLabel: String(after.periodLabel ?? event.entityKey),
        dueAt: String(after.dueAt ?? event.occurredAt),
        ...(after.comments ? { comments: String(after.comments) } : {}),
      },
      ...(event.entity === 'escalation'
        ? { escalation: { level: Number(after.level ?? 1), daysLate: after.daysLate as number | undefined } }
        : {}),
    };
  }

  /** One notification for one person (once), and its mail or its place in a digest, as he chose. */
  private async notify(
    em: EntityManager,
    ctx: PlanContext,
    n: {
      username: string;
      kind: NotificationKind;
      subjectKey: string;
      facts: NotificationFacts;
      at: string;
      link: string;
      digestAnchor: string;
      dayMs: number;
    },
  ): Promise<void> {
    const user = ctx.users.get(n.username);
    if (!user || !user.active) return;
    const id = sha256(n.kind, n.subjectKey, user.username);
    const repo = em.getRepository(NotificationEntity);
    if (await repo.existsBy({ id })) return;
    const prefs = this.preferencesOf(ctx, user);
    const text = notificationText(prefs.language, { ...n.facts, kind: n.kind });
    const mailed = ctx.mailEnabled && !!user.email && prefs.emailKinds.includes(n.kind);
    const digest = mailed && DIGEST_KINDS.includes(n.kind);
    const mailId = mailed && !digest ? sha256('mail', id) : null;
    await repo.insert({
      id,
      organizationId: ctx.org.id,
      userId: user.id,
      kind: n.kind,
      subjectKey: n.subjectKey,
      fiscalYear: n.facts.fiscalYear,
      measureCode: n.facts.measureCode,
      title: text.title.slice(0, 500),
      body: text.body.slice(0, 4000),
      link: n.link,
      language: prefs.language,
      createdAt: n.at,
      readAt: null,
      digestAt: digest
        ? iso(nextHourOfDay(Date.parse(n.at), Date.parse(n.digestAnchor), n.dayMs, prefs.digestHour))
        : null,
      mailId,
    });
    if (mailId) {
      const content = notificationMail(
        prefs.language,
        user.displayName,
        { ...text, link: ctx.appUrl + n.link },
        settingsLink(ctx),
      );
      await this.enqueueMail(em, ctx, user, mailId, n.kind, content, n.at);
    }
  }

  private async enqueueMail(
    em: EntityManager,
    ctx: PlanContext,
    user: UserAccountEntity,
    id: string,
    kind: string,
    content: { subject: string; text: string; html: string },
    at: string,
  ): Promise<void> {
    const repo = em.getRepository(MailOutboxEntity);
    if (await repo.existsBy({ id })) return;
    await repo.insert({
      id,
      organizationId: ctx.org.id,
      userId: user.id,
      toAddress: user.email as string,
      kind,
      subject: content.subject.slice(0, 500),
      textBody: content.text,
      htmlBody: content.html,
      status: 'pending',
      attempts: 0,
      lastError: null,
      createdAt: at,
      sentAt: null,
    });
  }

  private async postWebhook(
    em: EntityManager,
    ctx: PlanContext,
    event: NotificationEventEntity,
    kind: NotificationKind,
    facts: NotificationFacts,
  ): Promise<void> {
    const id = sha256('webhook', event.id);
    const repo = em.getRepository(WebhookDeliveryEntity);
    if (await repo.existsBy({ id })) return;
    const payload: WebhookPayload = {
      id,
      type: kind,
      occurredAt: event.occurredAt,
      organization: ctx.org.code,
      fiscalYear: event.fiscalYear,
      measureCode: event.measureCode,
      subject: { entity: event.entity as WebhookPayload['subject']['entity'], key: event.entityKey },
      title: { th: notificationText('th', facts).title, en: notificationText('en', facts).title },
      link: ctx.appUrl + linkOf(event.fiscalYear, event.measureCode, event.entity, event.entityKey),
    };
    await repo.insert({
      id,
      organizationId: ctx.org.id,
      kind,
      payload: JSON.stringify(payload),
      status: 'pending',
      attempts: 0,
      lastError: null,
      createdAt: event.occurredAt,
      deliveredAt: null,
    });
  }

  /** Reminders due by `now` for tasks and reports still to do; when the next one falls due. */
  private async remind(ctx: PlanContext, now: string): Promise<string | null> {
    const nowMs = Date.parse(now);
    const reminderDays = ctx.org.reminderDays ?? [...DEFAULT_REMINDER_DAYS];
    const db = this.dataSource;
    const tasks = await db
      .getRepository(TaskEntity)
      .findBy({ organizationId: ctx.org.id, status: In(PENDING_TASK), dueAt: MoreThan(now) });
    const reports = await db
      .getRepository(ReportEntity)
      .findBy({ organizationId: ctx.org.id, status: In(PENDING_REPORT), dueAt: MoreThan(now) });
    const items = [
      ...tasks.map((t) => ({
        row: t,
        key: t.taskKey,
        openedAt: t.openedAt,
        recipients: recipientsOfReminder(ctx.directory, { entity: 'task', unitCode: t.unitCode }, nowMs),
        entity: 'task' as const,
      })),
      ...reports.map((r) => ({
        row: r,
        key: r.reportKey,
        openedAt: r.periodEnd,
        recipients: recipientsOfReminder(ctx.directory, { entity: 'report', units: r.units }, nowMs),
        entity: 'report' as const,
      })),
    ];
    let next: number | null = null;
    const due: Array<{ item: (typeof items)[number]; days: number; username: string; at: number }> = [];
    for (const item of items) {
      const dayMs = ctx.dayMs.get(item.row.workflowId) ?? 86_400_000;
      for (const days of reminderDays)
        for (const username of item.recipients) {
          const user = ctx.users.get(username);
          if (!user) continue;
          const at = reminderAt(
            { openedAt: item.openedAt, dueAt: item.row.dueAt },
            days,
            dayMs,
            this.preferencesOf(ctx, user).digestHour,
          );
          if (at === null) continue;
          if (at <= nowMs) due.push({ item, days, username, at });
          else next = next === null ? at : Math.min(next, at);
        }
    }
    if (due.length) {
      await db.transaction(async (em) => {
        for (const { item, days, username, at } of due) {
          const { row } = item;
          const kind = REMINDER_KIND[item.entity];
          const facts: NotificationFacts =
            item.entity === 'task'
              ? {
                  kind,
                  fiscalYear: row.fiscalYear,
                  measureCode: row.measureCode,
                  measureTitle: ctx.measureTitles.get(`${row.fiscalYear}/${row.measureCode}`),
                  task: {
                    quarter: (row as TaskEntity).quarter,
                    stepNumber: (row as TaskEntity).stepNumber,
                    unitCode: (row as TaskEntity).unitCode,
                    unitName: ctx.unitNames.get((row as TaskEntity).unitCode),
                    dueAt: row.dueAt,
                  },
                  daysBefore: days,
                }
              : {
                  kind,
                  fiscalYear: row.fiscalYear,
                  measureCode: row.measureCode,
                  measureTitle: ctx.measureTitles.get(`${row.fiscalYear}/${row.measureCode}`),
                  report: { periodLabel: (row as ReportEntity).periodLabel, dueAt: row.dueAt },
                  daysBefore: days,
                };
          await this.notify(em, ctx, {
            username,
            kind,
            subjectKey: `reminder:${row.workflowId}/${item.key}/${row.dueAt}/${days}`,
            facts,
            at: iso(at),
            link: linkOf(row.fiscalYear, row.measureCode, item.entity, item.key),
            digestAnchor: row.dueAt,
            dayMs: ctx.dayMs.get(row.workflowId) ?? 86_400_000,
          });
        }
      });
    }
    return next === null ? null : iso(next);
  }

  /** Each person's digest whose hour came: one mail with every notification it gathers; when the next one goes. */
  private async gatherDigests(ctx: PlanContext, now: string): Promise<string | null> {
    const repo = this.dataSource.getRepository(NotificationEntity);
    const waiting = await repo.find({
      where: { organizationId: ctx.org.id, digestAt: LessThanOrEqual(now), mailId: IsNull() },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    const byDigest = new Map<string, NotificationEntity[]>();
    for (const n of waiting) {
      const key = `${n.userId}|${n.digestAt}`;
      byDigest.set(key, [...(byDigest.get(key) ?? []), n]);
    }
    const users = new Map([...ctx.users.values()].map((u) => [u.id, u]));
    for (const [key, items] of byDigest) {
      const user = users.get(items[0].userId);
      const mailId = sha256('digest', key);
      await this.dataSource.transaction(async (em) => {
        if (user?.email && ctx.mailEnabled) {
          const prefs = this.preferencesOf(ctx, user);
          const content = digestMail(
            prefs.language,
            user.displayName,
            items.map((n) => ({ title: n.title, body: n.body, link: ctx.appUrl + n.link })),
            settingsLink(ctx),
          );
          await this.enqueueMail(em, ctx, user, mailId, 'digest', content, items[0].digestAt as string);
        }
        await em.getRepository(NotificationEntity).update({ id: In(items.map((n) => n.id)) }, { mailId });
      });
    }
    const next = await repo.findOne({
      select: { digestAt: true },
      where: { organizationId: ctx.org.id, digestAt: MoreThan(now), mailId: IsNull() },
      order: { digestAt: 'ASC' },
    });
    return next?.digestAt ?? null;
  }

  private async pendingDeliveries(organizationId: number): Promise<DeliveryRef[]> {
    const mails = await this.dataSource.getRepository(MailOutboxEntity).find({
      select: { id: true },
      where: { organizationId, status: 'pending' },
      order: { createdAt: 'ASC', id: 'ASC' },
      take: DELIVERIES_PER_PLAN,
    });
    const posts = await this.dataSource.getRepository(WebhookDeliveryEntity).find({
      select: { id: true },
      where: { organizationId, status: 'pending' },
      order: { createdAt: 'ASC', id: 'ASC' },
      take: DELIVERIES_PER_PLAN,
    });
    return [
      ...mails.map((m) => ({ channel: 'mail' as const, id: m.id })),
      ...posts.map((p) => ({ channel: 'webhook' as const, id: p.id })),
    ];
  }

  // --- delivery bookkeeping (the delivery activity) ----------------------------------------------

  /** The mail to send, or null once it was sent or refused for good. */
  async mailToSend(id: string): Promise<MailOutboxEntity | null> {
    return this.dataSource.getRepository(MailOutboxEntity).findOneBy({ id, status: 'pending' });
  }

  async webhookToPost(id: string): Promise<{ delivery: WebhookDeliveryEntity; url: string; secret: string } | null> {
    const delivery = await this.dataSource.getRepository(WebhookDeliveryEntity).findOneBy({ id, status: 'pending' });
    if (!delivery) return null;
    const org = await this.dataSource.getRepository(OrganizationEntity).findOneBy({ id: delivery.organizationId });
    if (!org?.webhookUrl || !org.webhookSecret) {
      await this.finishDelivery('webhook', id, 'failed', 'the webhook was removed');
      return null;
    }
    return { delivery, url: org.webhookUrl, secret: org.webhookSecret };
  }

  /** An attempt failed (it will be retried): counted, with its error. */
  async noteAttempt(channel: DeliveryRef['channel'], id: string, error: string): Promise<void> {
    const repo =
      channel === 'mail'
        ? this.dataSource.getRepository(MailOutboxEntity)
        : this.dataSource.getRepository(WebhookDeliveryEntity);
    await repo.increment({ id }, 'attempts', 1);
    await repo.update({ id }, { lastError: error.slice(0, 1000) });
  }

  /** Sent (or refused for good): never handed out again. */
  async finishDelivery(
    channel: DeliveryRef['channel'],
    id: string,
    status: 'sent' | 'failed',
    error?: string,
  ): Promise<void> {
    const at = new Date().toISOString();
    if (channel === 'mail')
      await this.dataSource
        .getRepository(MailOutboxEntity)
        .update({ id }, { status, sentAt: status === 'sent' ? at : null, lastError: error?.slice(0, 1000) ?? null });
    else
      await this.dataSource
        .getRepository(WebhookDeliveryEntity)
        .update(
          { id },
          { status, deliveredAt: status === 'sent' ? at : null, lastError: error?.slice(0, 1000) ?? null },
        );
  }

  // --- the notification centre and preferences (the API) ----------------------------------------

  async list(userId: number, options: { unreadOnly: boolean; limit: number }): Promise<NotificationEntity[]> {
    return this.dataSource.getRepository(NotificationEntity).find({
      where: { userId, ...(options.unreadOnly ? { readAt: IsNull() } : {}) },
      order: { createdAt: 'DESC', id: 'ASC' },
      take: options.limit,
    });
  }

  async unreadCount(userId: number): Promise<number> {
    return this.dataSource.getRepository(NotificationEntity).countBy({ userId, readAt: IsNull() });
  }

  /** Marks one of the person's notifications read; false if he has no such notification. */
  async markRead(userId: number, id: string, at: string): Promise<boolean> {
    const repo = this.dataSource.getRepository(NotificationEntity);
    const row = await repo.findOneBy({ id, userId });
    if (!row) return false;
    if (!row.readAt) await repo.update({ id, userId }, { readAt: at });
    return true;
  }

  async markAllRead(userId: number, at: string): Promise<number> {
    const result = await this.dataSource
      .getRepository(NotificationEntity)
      .update({ userId, readAt: IsNull() }, { readAt: at });
    return result.affected ?? 0;
  }

  async preferences(userId: number): Promise<NotificationPreferences & { updatedAt: string | null }> {
    const row = await this.dataSource.getRepository(NotificationPreferenceEntity).findOneBy({ userId });
    return row
      ? { language: row.language, digestHour: row.digestHour, emailKinds: row.emailKinds, updatedAt: row.updatedAt }
      : { ...DEFAULT_PREFERENCES, emailKinds: [...DEFAULT_PREFERENCES.emailKinds], updatedAt: null };
  }

  async savePreferences(userId: number, prefs: NotificationPreferences, at: string): Promise<void> {
    await this.dataSource.getRepository(NotificationPreferenceEntity).save({ userId, ...prefs, updatedAt: at });
  }

  // --- the organization's settings (the API; audited) --------------------------------------------

  async organizationSettings(organizationId: number): Promise<OrganizationNotificationSettings | null> {
    const org = await this.dataSource.getRepository(OrganizationEntity).findOneBy({ id: organizationId });
    return org ? settingsOf(org) : null;
  }

  /** Sets the reminder days (normalized by the caller); audited when they change. */
  async saveReminderDays(
    organizationId: number,
    reminderDays: number[],
    by: AuditActor,
  ): Promise<OrganizationNotificationSettings> {
    return this.changeOrganization(organizationId, by, (org) => {
      const was = org.reminderDays ?? null;
      if (JSON.stringify(was) === JSON.stringify(reminderDays)) return null;
      return { set: { reminderDays }, before: { reminderDays: was }, after: { reminderDays } };
    });
  }

  /**
   * Registers the webhook (or replaces it) with a new secret; audited with its address, and that the
   * secret was replaced, never the secret itself.
   */
  async registerWebhook(
    organizationId: number,
    url: string,
    secret: string,
    by: AuditActor,
  ): Promise<OrganizationNotificationSettings> {
    const at = new Date().toISOString();
    return this.changeOrganization(organizationId, by, (org) => ({
      set: { webhookUrl: url, webhookSecret: secret, webhookRegisteredAt: at },
      before: { webhookUrl: org.webhookUrl ?? null },
      after: { webhookUrl: url, secretReplaced: true },
    }));
  }

  /** Removes the webhook (posts not yet delivered are dropped by the delivery); audited, unless there was none. */
  async removeWebhook(organizationId: number, by: AuditActor): Promise<OrganizationNotificationSettings> {
    return this.changeOrganization(organizationId, by, (org) =>
      org.webhookUrl || org.webhookSecret
        ? {
            set: { webhookUrl: null, webhookSecret: null, webhookRegisteredAt: null },
            before: { webhookUrl: org.webhookUrl ?? null },
            after: { webhookUrl: null },
          }
        : null,
    );
  }

  /**
   * One change of the organization's row and its audit entry, in one transaction that starts by
   * locking the organization's chain head (as a plan import does), so two changes at once are
   * recorded one after the other, each with the `before` it really replaced. `change` says what
   * to set and record, or null for nothing to do.
   */
  private async changeOrganization(
    organizationId: number,
    by: AuditActor,
    change: (org: OrganizationEntity) => {
      set: Partial<OrganizationEntity>;
      before: Record<string, unknown>;
      after: Record<string, unknown>;
    } | null,
  ): Promise<OrganizationNotificationSettings> {
    return this.dataSource.transaction(async (em) => {
      await this.audit.lockHead(em, organizationId);
      const repo = em.getRepository(OrganizationEntity);
      const org = await repo.findOneByOrFail({ id: organizationId });
      const c = change(org);
      if (!c) return settingsOf(org);
      await repo.update({ id: organizationId }, c.set);
      await this.audit.appendAdministrative(em, org.id, org.code, {
        action: 'organization.updated',
        actorId: by.id,
        actorRole: by.role,
        actorUnit: by.unitCode ?? null,
        entity: 'organization',
        key: org.code,
        before: c.before,
        after: c.after,
        at: new Date().toISOString(),
      });
      return settingsOf({ ...org, ...c.set } as OrganizationEntity);
    });
  }

  /** Mails of the organization by status (operations: what waits, what failed). */
  async mailCounts(organizationId: number): Promise<Record<string, number>> {
    const rows: Array<{ status: string; n: string | number }> = await this.dataSource
      .getRepository(MailOutboxEntity)
      .createQueryBuilder('m')
      .select('m.status', 'status')
      .addSelect('COUNT(*)', 'n')
      .where('m.organization_id = :id', { id: organizationId })
      .groupBy('m.status')
      .getRawMany();
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  }
}

/**
 * The body of a webhook post (JSON), signed with the organization's secret: the header
 * `X-ITA-Signature: sha256=<hex HMAC-SHA256 of "<X-ITA-Timestamp>.<body>">`. `id` is the same on
 * every retry of the same post: a receiver drops one it has seen.
 */
export interface WebhookPayload {
  id: string;
  type: NotificationKind;
  occurredAt: string;
  organization: string;
  fiscalYear: number;
  measureCode: string;
  subject: { entity: 'task' | 'report' | 'escalation'; key: string };
  title: { th: string; en: string };
  link: string;
}

const iso = (ms: number) => new Date(ms).toISOString();

function settingsOf(org: OrganizationEntity): OrganizationNotificationSettings {
  return {
    reminderDays: [...(org.reminderDays ?? DEFAULT_REMINDER_DAYS)],
    webhook: org.webhookUrl ? { url: org.webhookUrl, registeredAt: org.webhookRegisteredAt ?? null } : null,
  };
}

/** Where in the web app a notification leads: its task, else its measure. */
function linkOf(fiscalYear: number, measureCode: string, entity: string, key: string): string {
  return entity === 'task' ? taskRoute(fiscalYear, measureCode, key) : measureRoute(fiscalYear, measureCode);
}

function settingsLink(ctx: PlanContext): string {
  return ctx.appUrl + webRoute('notifications', 'settings');
}
