/**
 * Personal calendar feeds: each person may have one private iCalendar URL with the due dates of
 * the tasks and reports that are his to act on, which a calendar application fetches on its own.
 * The URL's secret (32 random bytes) is its only key: it is shown once, only its SHA-256 is
 * stored, and replacing or revoking it makes the old URL a 404 at once. What the feed holds is
 * decided when it is fetched, by the owner's authority at that instant (libs/domain/calendar-feed).
 * A feed that is unknown, revoked, or whose owner is no longer active is a 404 that says nothing more.
 */
import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import type { AppConfig } from '@ita/config/app-config';
import { APP_CONFIG } from '@ita/config/config.module';
import {
  FEED_OVERSIGHT_REPORT_STATUSES,
  FEED_TASK_STATUSES,
  FEED_UNIT_REPORT_STATUSES,
  feedScope,
} from '@ita/domain/calendar-feed';
import { DomainError, DomainErrorCode } from '@ita/domain/domain-error';
import { CalendarFeedRepository } from '@ita/persistence/calendar-feed.repository';
import type { OrganizationEntity, ReportEntity, UserAccountEntity } from '@ita/persistence/entities';
import { IdentityRepository } from '@ita/persistence/identity.repository';
import { MeasureReadRepository } from '@ita/persistence/measure-read.repository';
import { PlanRepository } from '@ita/persistence/plan.repository';
import type { Principal } from '../auth/access';
import { AuthService } from '../auth/auth.service';
import { MeasureQueriesService } from '../measures/measure-queries.service';
import { calendarDocument, calendarTag, FeedEvent, reportEvent, taskEvent, webPages } from './calendar-ics';

/** A token as made here: 32 bytes in base64url, 43 characters. Anything else cannot be one. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

export interface CalendarFeedAnswer {
  document: string;
  etag: string;
}

@Injectable()
export class CalendarFeedService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly feeds: CalendarFeedRepository,
    private readonly identity: IdentityRepository,
    private readonly plans: PlanRepository,
    private readonly readModel: MeasureReadRepository,
    private readonly queries: MeasureQueriesService,
    private readonly auth: AuthService,
  ) {}

  async status(p: Principal) {
    const feed = await this.feeds.findForUser(p.userId);
    const active = !!feed && !feed.revokedAt;
    return { active, createdAt: active ? feed.createdAt : null, revokedAt: feed?.revokedAt ?? null };
  }

  /** A new secret URL for the person, in place of any he had; the answer is the only place it is ever shown. */
  async issue(p: Principal) {
    const token = randomBytes(32).toString('base64url');
    const { user, organization } = await this.account(p);
    const { feed } = await this.feeds.issue(organization, user, hashOf(token), actor(p));
    return { url: this.feedUrl(token), createdAt: feed.createdAt };
  }

  async revoke(p: Principal): Promise<void> {
    const { user, organization } = await this.account(p);
    if (!(await this.feeds.revoke(organization, user, actor(p))))
      throw new DomainError(DomainErrorCode.NotFound, 'you have no calendar feed to revoke', [
        { path: 'calendar', message: 'no live feed' },
      ]);
  }

  /** The feed behind a URL's secret, as an iCalendar document and its entity tag. */
  async feed(token: string, now = Date.now()): Promise<CalendarFeedAnswer> {
    const found = TOKEN_PATTERN.test(token) ? await this.feeds.findLive(hashOf(token)) : null;
    if (!found || !found.user.active) throw notFound();
    const principal = await this.auth.principalOf(found.user, now);
    const organization = await this.plans.findOrganizationById(principal.organizationId);
    if (!organization) throw notFound();
    const events = await this.events(principal, organization, now);
    const name = `งานตามมาตรการ ITA: ${principal.displayName} (${organization.code})`;
    return { document: calendarDocument(name, events), etag: calendarTag(name, events) };
  }

  /** The tasks of the units he acts for, the reports they have to send, and, holding oversight, every report open or awaiting decision. */
  private async events(p: Principal, organization: OrganizationEntity, now: number): Promise<FeedEvent[]> {
    const scope = feedScope(p, now);
    const pages = webPages(this.config.api.publicUrl);
    const tasks = await this.readModel.tasksOfUnits(organization.id, scope.units, FEED_TASK_STATUSES);
    const texts = await this.queries.stepTexts(organization, tasks);
    const reports = new Map<string, ReportEntity>();
    if (scope.units.length)
      for (const r of await this.readModel.reportsIn(organization.id, FEED_UNIT_REPORT_STATUSES, scope.units))
        reports.set(`${r.workflowId}#${r.reportKey}`, r);
    if (scope.oversight)
      for (const r of await this.readModel.reportsIn(organization.id, FEED_OVERSIGHT_REPORT_STATUSES))
        reports.set(`${r.workflowId}#${r.reportKey}`, r);
    return [
      ...tasks.map((t) =>
        taskEvent(t, texts.get(`${t.workflowId}#${t.stepNumber}`) ?? null, pages, scope.units.length > 1),
      ),
      ...[...reports.values()].map((r) => reportEvent(r, pages)),
    ].sort((a, b) => a.day.localeCompare(b.day) || a.uid.localeCompare(b.uid));
  }

  private feedUrl(token: string): string {
    return `${this.config.api.publicUrl.replace(/\/+$/, '')}/api/calendar/${token}.ics`;
  }

  private async account(p: Principal): Promise<{ user: UserAccountEntity; organization: OrganizationEntity }> {
    const user = await this.identity.findUserById(p.userId);
    const organization = await this.plans.findOrganizationById(p.organizationId);
    // The guard has just found both for this request.
    return { user: user as UserAccountEntity, organization: organization as OrganizationEntity };
  }
}

const actor = (p: Principal) => ({ id: p.id, role: p.role, unitCode: p.unitCode });

/** The same answer for every URL that is not a live feed: nothing says whether it ever was one. */
const notFound = () =>
  new DomainError(DomainErrorCode.NotFound, 'no such calendar feed', [{ path: 'token', message: 'not found' }]);
