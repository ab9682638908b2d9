/** The API's Temporal client: connected lazily on first use, so the API starts even while Temporal is down. */
import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import type { AppConfig } from '../../../../libs/config/src/app-config';
import { APP_CONFIG } from '../../../../libs/config/src/config.module';

@Injectable()
export class TemporalClientProvider implements OnApplicationShutdown {
  private connecting?: Promise<Client>;
  private connection?: Connection;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  client(): Promise<Client> {
    this.connecting ??= Connection.connect({ address: this.config.temporal.address }).then((connection) => {
      this.connection = connection;
      return new Client({ connection, namespace: this.config.temporal.namespace });
    }).catch((error) => {
      this.connecting = undefined;
      throw error;
    });
    return this.connecting;
  }

  get taskQueue(): string {
    return this.config.temporal.taskQueue;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection?.close();
  }
}
