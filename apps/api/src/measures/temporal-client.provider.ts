/**
 * The API's Temporal client: connected lazily on first use, so the API starts even while Temporal
 * is down. Every use goes through call(), which answers within TEMPORAL_COMMAND_TIMEOUT_MS: the
 * gRPC deadline covers the requests (and the SDK's retries of an unreachable server, which
 * otherwise go on for over a minute), and a timer covers the rest (connecting, a deadline not
 * honoured), so a request never hangs on Temporal or on a worker that is down.
 */
import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import type { AppConfig } from '@ita/config/app-config';
import { APP_CONFIG } from '@ita/config/config.module';
import { toDomainError, workflowServiceUnavailable } from './temporal-errors';

/** Closing a connection is local, but with the server gone nothing should make shutdown wait on it. */
const CLOSE_TIMEOUT_MS = 1000;

@Injectable()
export class TemporalClientProvider implements OnApplicationShutdown {
  private readonly logger = new Logger(TemporalClientProvider.name);
  private connecting?: Promise<Client>;
  private connection?: Connection;
  private closing = false;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get taskQueue(): string {
    return this.config.temporal.taskQueue;
  }

  /**
   * Runs `fn` against Temporal within the command bound; Temporal's errors come back as domain
   * errors (a rejected update keeps its code and field; no answer in time is a 503).
   */
  async call<T>(workflowId: string, fn: (client: Client) => Promise<T>): Promise<T> {
    const timeoutMs = this.config.temporal.commandTimeoutMs;
    const deadline = Date.now() + timeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(workflowServiceUnavailable(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    const attempt = this.client().then((client) => client.withDeadline(deadline, () => fn(client)));
    // When the timer wins, the attempt is abandoned; its deadline ends it soon after, unobserved.
    attempt.catch(() => undefined);
    try {
      return await Promise.race([attempt, expired]);
    } catch (error) {
      throw toDomainError(error, workflowId);
    } finally {
      clearTimeout(timer);
    }
  }

  private client(): Promise<Client> {
    if (this.closing) return Promise.reject(workflowServiceUnavailable('the API is shutting down'));
    this.connecting ??= Connection.connect({
      address: this.config.temporal.address,
      connectTimeout: this.config.temporal.commandTimeoutMs,
    })
      .then((connection) => {
        this.connection = connection;
        // Shut down while connecting: close what was just opened.
        if (this.closing) void connection.close().catch(() => undefined);
        return new Client({ connection, namespace: this.config.temporal.namespace });
      })
      .catch((error) => {
        this.connecting = undefined;
        throw error;
      });
    return this.connecting;
  }

  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    const connection = this.connection;
    if (!connection) return;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        this.logger.warn('Temporal connection did not close in time; leaving it');
        resolve();
      }, CLOSE_TIMEOUT_MS);
    });
    await Promise.race([connection.close().catch(() => undefined), late]);
    clearTimeout(timer);
  }
}
