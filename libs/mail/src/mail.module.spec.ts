import { Test } from '@nestjs/testing';
import { loadConfig } from '@ita/config/app-config';
import { APP_CONFIG, ConfigModule } from '@ita/config/config.module';
import { MAILER, MailModule } from './mail.module';
import { Mailer } from './mailer';

describe(MailModule.name, () => {
  async function mailerFor(env: Record<string, string>) {
    const moduleRef = await Test.createTestingModule({ imports: [ConfigModule, MailModule] })
      .overrideProvider(APP_CONFIG)
      .useValue(loadConfig(env, '/'))
      .compile();
    return moduleRef.get<Mailer | null>(MAILER);
  }

  it('provides no Mailer without SMTP_URL: mail is off', async () => {
    expect(await mailerFor({})).toBeNull();
  });

  it('provides a Mailer for the relay of SMTP_URL', async () => {
    expect(await mailerFor({ SMTP_URL: 'smtp://127.0.0.1:1025' })).toBeInstanceOf(Mailer);
  });
});
