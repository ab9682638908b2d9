/**
 * Sending mail through the SMTP relay of SMTP_URL: Mailpit on one machine (scripts/run.sh), the
 * agency's relay in production. One connection per message, no pool: notifications are few, and
 * a pooled socket would outlive a relay that restarted. Short connection and greeting timeouts
 * make an outage fail within seconds, so that the caller (an activity) retries later rather than
 * holding a slot.
 *
 * A failure is a PermanentMailError when the relay refused this message, its sender or its
 * recipients with a 5xx reply (sending the same mail again will not help); anything else
 * (connection refused, a timeout, a 4xx reply, a 5xx to the greeting or to AUTH, which are the
 * relay's or the settings' trouble, not this mail's) is thrown as nodemailer gave it: retry.
 */
import nodemailer, { type NodemailerError, type SMTPSentMessageInfo, type Transporter } from 'nodemailer';
import SMTPTransport from 'nodemailer/lib/smtp-transport';
import { DEFAULT_MAIL_FROM } from '@ita/config/app-config';

export interface OutgoingMail {
  to: string | string[];
  subject: string;
  text: string;
  html: string;
  /**
   * The Message-ID header, e.g. `<reminder.42@ita>` (brackets added when missing): the caller's
   * own, so that a retry of the same mail carries the same one and a duplicate can be recognized.
   */
  messageId: string;
  headers?: Record<string, string>;
}

export interface SentMail {
  messageId: string;
  /** The recipients the relay accepted. */
  accepted: string[];
  /** Those it refused while accepting others (all refused is a PermanentMailError). */
  rejected: string[];
}

export interface MailerOptions {
  /** The From header (MAIL_FROM). */
  from?: string;
  /** Bound on connecting (DNS included) and on the relay's greeting; default 10 s. */
  connectTimeoutMs?: number;
  /** Bound on the relay's silence once connected; default 60 s. */
  socketTimeoutMs?: number;
}

export enum PermanentMailErrorCode {
  /** 5xx to MAIL FROM: the relay refuses this sender (or the message's declared size). */
  SENDER_REFUSED = 'SENDER_REFUSED',
  /** 5xx to every RCPT TO. */
  RECIPIENT_REFUSED = 'RECIPIENT_REFUSED',
  /** 5xx to DATA or to the message itself, or larger than the relay takes. */
  MESSAGE_REFUSED = 'MESSAGE_REFUSED',
  /** An address nodemailer will not send to at all (no recipient, a malformed address). */
  INVALID_ENVELOPE = 'INVALID_ENVELOPE',
}

export class PermanentMailError extends Error {
  constructor(
    readonly code: PermanentMailErrorCode,
    message: string,
    /** The relay's reply code, e.g. 550; null when the mail never reached the relay. */
    readonly responseCode: number | null,
    override readonly cause: Error,
  ) {
    super(message);
    this.name = 'PermanentMailError';
  }
}

const ENVELOPE_COMMANDS: Record<string, PermanentMailErrorCode> = {
  'MAIL FROM': PermanentMailErrorCode.SENDER_REFUSED,
  'RCPT TO': PermanentMailErrorCode.RECIPIENT_REFUSED,
  DATA: PermanentMailErrorCode.MESSAGE_REFUSED,
};

/** The permanent failure `error` is, or null when a later try may succeed. */
export function permanentMailError(error: unknown): PermanentMailError | null {
  if (!(error instanceof Error)) return null;
  const e = error as NodemailerError;
  const code = e.command ? ENVELOPE_COMMANDS[e.command] : undefined;
  // 503 is "bad sequence of commands": a protocol hiccup, not a verdict on the mail.
  if (code && e.responseCode && e.responseCode >= 500 && e.responseCode < 600 && e.responseCode !== 503)
    return new PermanentMailError(code, e.message, e.responseCode, e);
  // Refused before anything was sent: larger than the relay's SIZE, or an address nodemailer refuses.
  if (e.code === 'EMESSAGE' && e.command === 'MAIL FROM' && !e.responseCode)
    return new PermanentMailError(PermanentMailErrorCode.MESSAGE_REFUSED, e.message, null, e);
  if (e.code === 'EENVELOPE' && e.command === 'API')
    return new PermanentMailError(PermanentMailErrorCode.INVALID_ENVELOPE, e.message, null, e);
  return null;
}

export class Mailer {
  private readonly transport: Transporter<SMTPSentMessageInfo>;
  private readonly from: string;

  /** `smtpUrl`: smtp:// or smtps://, credentials and nodemailer's query options allowed. */
  constructor(smtpUrl: string, options: MailerOptions = {}) {
    this.from = options.from ?? DEFAULT_MAIL_FROM;
    const connectTimeout = options.connectTimeoutMs ?? 10_000;
    // The transport itself, not createTransport's options: a `pool=true` in the URL cannot turn a pool on.
    this.transport = nodemailer.createTransport(
      new SMTPTransport({
        url: smtpUrl,
        connectionTimeout: connectTimeout,
        greetingTimeout: connectTimeout,
        dnsTimeout: connectTimeout,
        socketTimeout: options.socketTimeoutMs ?? 60_000,
      }),
    );
  }

  async send(mail: OutgoingMail): Promise<SentMail> {
    const messageId = /^<.*>$/.test(mail.messageId) ? mail.messageId : `<${mail.messageId}>`;
    try {
      const info = await this.transport.sendMail({
        from: this.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId,
        headers: mail.headers,
      });
      return { messageId: info.messageId, accepted: info.accepted, rejected: info.rejected };
    } catch (error) {
      throw permanentMailError(error) ?? error;
    }
  }

  /** Connects, greets and (with credentials) signs in, then quits: whether the relay can be used now. */
  async verify(): Promise<void> {
    await this.transport.verify();
  }

  close(): void {
    this.transport.close();
  }
}
