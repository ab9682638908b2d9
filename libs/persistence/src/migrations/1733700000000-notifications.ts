/**
 * Notifications: people's e-mail addresses, the organization's reminder days and webhook, the
 * outbox of measure changes (notification_event), the notification centre (notification), the
 * mails and webhook posts to deliver, and each person's preferences. See notification.entity.ts.
 * A mail's bodies are MEDIUMTEXT on MySQL/MariaDB (a long digest passes 64 KB of Thai text); the
 * entity says `text`, and test/integration/plan-repository.spec.ts allows exactly these columns.
 */
import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { schemaHelpers } from './schema-helpers';

export const MYSQL_MEDIUMTEXT_MAIL_COLUMNS: Record<string, string[]> = { mail_outbox: ['text_body', 'html_body'] };

export class Notifications1733700000000 implements MigrationInterface {
  name = 'Notifications1733700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { int, varchar, text, create, mysql } = schemaHelpers(queryRunner);
    const key = { ...varchar('id', 64), isPrimary: true };
    const delivery = [varchar('status', 16), int('attempts', { default: 0 }), varchar('last_error', 1000, true)];
    await queryRunner.addColumn('user_account', new TableColumn(varchar('email', 254, true)));
    await queryRunner.addColumns('organization', [
      new TableColumn(varchar('reminder_days', 64, true)),
      new TableColumn(varchar('webhook_url', 500, true)),
      new TableColumn(varchar('webhook_secret', 100, true)),
    ]);
    await create(
      new Table({
        name: 'notification_event',
        columns: [
          key,
          int('organization_id'),
          varchar('workflow_id', 200),
          int('fiscal_year'),
          varchar('measure_code', 32),
          varchar('action', 40),
          varchar('entity', 16),
          varchar('entity_key', 64),
          varchar('actor_id', 100),
          text('payload'),
          varchar('occurred_at', 32),
          varchar('processed_at', 32, true),
        ],
        indices: [
          new TableIndex({ name: 'ix_notification_event_pending', columnNames: ['organization_id', 'processed_at'] }),
        ],
      }),
    );
    await create(
      new Table({
        name: 'notification',
        columns: [
          key,
          int('organization_id'),
          int('user_id'),
          varchar('kind', 32),
          varchar('subject_key', 300),
          int('fiscal_year'),
          varchar('measure_code', 32),
          varchar('title', 500),
          varchar('body', 4000),
          varchar('link', 300),
          varchar('language', 2),
          varchar('created_at', 32),
          varchar('read_at', 32, true),
          varchar('digest_at', 32, true),
          varchar('mail_id', 64, true),
        ],
        indices: [
          new TableIndex({ name: 'ix_notification_inbox', columnNames: ['user_id', 'read_at', 'created_at'] }),
          new TableIndex({ name: 'ix_notification_digest', columnNames: ['organization_id', 'digest_at'] }),
        ],
      }),
    );
    await create(
      new Table({
        name: 'mail_outbox',
        columns: [
          key,
          int('organization_id'),
          int('user_id'),
          varchar('to_address', 254),
          varchar('kind', 32),
          varchar('subject', 500),
          text('text_body'),
          text('html_body'),
          ...delivery,
          varchar('created_at', 32),
          varchar('sent_at', 32, true),
        ],
        indices: [new TableIndex({ name: 'ix_mail_outbox_status', columnNames: ['organization_id', 'status'] })],
      }),
    );
    if (mysql)
      await queryRunner.query(
        'ALTER TABLE `mail_outbox` MODIFY `text_body` MEDIUMTEXT NOT NULL, MODIFY `html_body` MEDIUMTEXT NOT NULL',
      );
    await create(
      new Table({
        name: 'webhook_delivery',
        columns: [
          key,
          int('organization_id'),
          varchar('kind', 32),
          text('payload'),
          ...delivery,
          varchar('created_at', 32),
          varchar('delivered_at', 32, true),
        ],
        indices: [new TableIndex({ name: 'ix_webhook_delivery_status', columnNames: ['organization_id', 'status'] })],
      }),
    );
    await create(
      new Table({
        name: 'notification_preference',
        columns: [
          { ...int('user_id'), isPrimary: true },
          varchar('language', 2),
          int('digest_hour'),
          text('email_kinds'),
          varchar('updated_at', 32),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'notification_preference',
      'webhook_delivery',
      'mail_outbox',
      'notification',
      'notification_event',
    ])
      await queryRunner.dropTable(table);
    await queryRunner.dropColumns('organization', ['reminder_days', 'webhook_url', 'webhook_secret']);
    await queryRunner.dropColumn('user_account', 'email');
  }
}
