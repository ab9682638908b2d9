/**
 * Activities of the organization's notifier: planning (changes and due dates into notifications,
 * mails and webhook posts, under stable ids) and delivering one mail or post. Delivery is once per
 * id: a mail already sent is left alone, and one is marked sent only after the server took it. An
 * SMTP 5xx for the address, or a 4xx from a webhook receiver, is permanent (recorded, not
 * retried); anything else (the server down, a timeout) is thrown for Temporal to retry, so an
 * outage delays mail and loses none.
 */
import { createHmac } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ApplicationFailure } from '@temporalio/activity';
import type { AppConfig } from '@ita/config/app-config';
import { APP_CONFIG } from '@ita/config/config.module';
import type {
  DeliveryRef,
  NotifierActivities,
  PlanNotificationsInput,
  PlannedNotifications,
} from '@ita/contracts/notification.contracts';
import { Mailer, PermanentMailError } from '@ita/mail/mailer';
import { NotificationRepository } from '@ita/persistence/notification.repository';

/** A webhook receiver gets this long to answer. */
const WEBHOOK_TIMEOUT_MS = 10_000;

/** `X-ITA-Signature` of a webhook post: HMAC-SHA256 of "<timestamp>.<body>" with the organization's secret. */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

@Injectable()
export class NotificationActivities implements NotifierActivities {
  private readonly logger = new Logger(NotificationActivities.name);
  private readonly mailer: Mailer | null;

  constructor(
    private readonly notifications: NotificationRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.mailer = config.mail.smtpUrl ? new Mailer(config.mail.smtpUrl) : null;
  }

  async planNotifications(input: PlanNotificationsInput): Promise<PlannedNotifications> {
    return this.notifications.plan(input.organizationCode, input.now, {
      mailEnabled: this.mailer !== null,
      appUrl: this.config.mail.appUrl.replace(/\/+$/, ''),
    });
  }

  async deliverNotification(ref: DeliveryRef): Promise<void> {
    if (ref.channel === 'mail') await this.sendMail(ref.id);
    else await this.postWebhook(ref.id);
  }

  private async sendMail(id: string): Promise<void> {
    const mail = await this.notifications.mailToSend(id);
    if (!mail || !this.mailer) return;
    try {
      await this.mailer.send({
        to: mail.toAddress,
        subject: mail.subject,
        text: mail.textBody,
        html: mail.htmlBody,
        messageId: `<${mail.id}@ita.notifications>`,
        headers: { 'X-ITA-Notification': mail.kind },
      });
    } catch (error) {
      const message = (error as Error).message;
      if (error instanceof PermanentMailError) {
        await this.notifications.finishDelivery('mail', id, 'failed', message);
        this.logger.warn(`mail ${id} to ${mail.toAddress} refused for good: ${message}`);
        throw ApplicationFailure.nonRetryable(message, 'MailRefused');
      }
      await this.notifications.noteAttempt('mail', id, message);
      throw error;
    }
    await this.notifications.finishDelivery('mail', id, 'sent');
  }

  private async postWebhook(id: string): Promise<void> {
    const target = await this.notifications.webhookToPost(id);
    if (!target) return;
    const timestamp = new Date().toISOString();
    const body = target.delivery.payload;
    let status: number;
    try {
      const response = await fetch(target.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'ita-notifications',
          'x-ita-delivery': id,
          'x-ita-event': target.delivery.kind,
          'x-ita-timestamp': timestamp,
          'x-ita-signature': webhookSignature(target.secret, timestamp, body),
        },
        body,
        signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
      });
      status = response.status;
    } catch (error) {
      await this.notifications.noteAttempt('webhook', id, (error as Error).message);
      throw error;
    }
    if (status >= 200 && status < 300) {
      await this.notifications.finishDelivery('webhook', id, 'sent');
      return;
    }
    const message = `the receiver answered HTTP ${status}`;
    if (status >= 400 && status < 500 && status !== 408 && status !== 429) {
      await this.notifications.finishDelivery('webhook', id, 'failed', message);
      throw ApplicationFailure.nonRetryable(message, 'WebhookRefused');
    }
    await this.notifications.noteAttempt('webhook', id, message);
    throw new Error(message);
  }

  /** The functions the worker registers, bound to this instance. */
  asActivities(): NotifierActivities {
    return {
      planNotifications: (input) => this.planNotifications(input),
      deliverNotification: (ref) => this.deliverNotification(ref),
    };
  }

  async close(): Promise<void> {
    this.mailer?.close();
  }
}
