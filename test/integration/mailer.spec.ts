/**
 * The Mailer against a real SMTP server (Mailpit): a Thai mail arrives intact, subject, bodies and
 * headers; the server's 5xx refusal is a PermanentMailError and its 4xx is not; with the server
 * down (or silent) a send fails within seconds with an error worth retrying, and once the server
 * is back on the same port the next send goes through.
 */
import * as net from 'node:net';
import { DEFAULT_MAIL_FROM } from '@ita/config/app-config';
import { Mailer, OutgoingMail, PermanentMailError, PermanentMailErrorCode } from '@ita/mail/mailer';
import { Mailpit, startMailpit } from '../support/mailpit';
import { freePort } from '../support/ports';

const to = 'tceb.plan-budget.head@example.go.th';
const mail = (id: string): OutgoingMail => ({
  to,
  subject: 'งานใหม่ 3 รายการ',
  text: 'หน่วยงานของท่านมีงานใหม่ 3 รายการในไตรมาสที่ 1 ปีงบประมาณ 2570\nกำหนดส่ง 31 ธันวาคม 2569',
  html: '<p>หน่วยงานของท่านมี<b>งานใหม่ 3 รายการ</b> กำหนดส่ง 31 ธันวาคม 2569</p>',
  messageId: `${id}@ita.test`,
  headers: { 'X-ITA-Notification': 'new-tasks' },
});

describe(Mailer.name, () => {
  let mailpit: Mailpit;
  let sut: Mailer;

  beforeAll(async () => {
    mailpit = await startMailpit();
    sut = new Mailer(mailpit.smtpUrl, { from: DEFAULT_MAIL_FROM });
  });
  afterAll(async () => {
    sut?.close();
    await mailpit?.close();
  });
  beforeEach(async () => {
    await mailpit.start();
    await mailpit.refuse({});
    await mailpit.deleteAll();
  });

  it('delivers a Thai subject, text and HTML intact, from MAIL_FROM, with the Message-ID and headers given', async () => {
    const sent = await sut.send(mail('new-tasks.1'));
    expect(sent).toEqual({ messageId: '<new-tasks.1@ita.test>', accepted: [to], rejected: [] });

    const [summary, ...others] = await mailpit.waitForMessages(1);
    expect(others).toEqual([]);
    expect(summary).toMatchObject({
      messageId: 'new-tasks.1@ita.test',
      subject: 'งานใหม่ 3 รายการ',
      from: 'ระบบติดตามมาตรการ ITA <ita@localhost>',
      to: [to],
    });
    const full = await mailpit.message(summary.id);
    expect(full.text.trim()).toBe(mail('x').text);
    expect(full.html).toContain('<p>หน่วยงานของท่านมี<b>งานใหม่ 3 รายการ</b> กำหนดส่ง 31 ธันวาคม 2569</p>');
    expect(full.headers['X-Ita-Notification']).toEqual(['new-tasks']);
    expect(full.headers['Message-Id']).toEqual(['<new-tasks.1@ita.test>']);
    expect(full.headers['Subject'][0]).toMatch(/^=\?UTF-8\?B\?/); // encoded on the wire, as RFC 2047 wants
  });

  it("tells the server's 5xx refusal (permanent, by what it refused) from its 4xx (worth retrying)", async () => {
    await mailpit.refuse({ recipient: 550 });
    await expect(sut.send(mail('refused.1'))).rejects.toMatchObject({
      name: 'PermanentMailError',
      code: PermanentMailErrorCode.RECIPIENT_REFUSED,
      responseCode: 550,
    });
    await mailpit.refuse({ sender: 553 });
    await expect(sut.send(mail('refused.2'))).rejects.toMatchObject({
      code: PermanentMailErrorCode.SENDER_REFUSED,
      responseCode: 553,
    });

    await mailpit.refuse({ recipient: 451 });
    const deferred = await sut.send(mail('deferred.1')).catch((e: unknown) => e);
    expect(deferred).not.toBeInstanceOf(PermanentMailError);
    expect(deferred).toMatchObject({ responseCode: 451, command: 'RCPT TO' });

    await mailpit.refuse({});
    await expect(sut.send({ ...mail('bad-address'), to: 'not an address' })).rejects.toMatchObject({
      code: PermanentMailErrorCode.INVALID_ENVELOPE,
    });
    expect(await mailpit.messages()).toEqual([]);
  });

  it('fails within seconds, worth retrying, while the server is down, and sends once it is back on its port', async () => {
    await mailpit.stop();
    const startedAt = Date.now();
    const down = await sut.send(mail('outage.1')).catch((e: unknown) => e);
    expect(Date.now() - startedAt).toBeLessThan(3000);
    expect(down).not.toBeInstanceOf(PermanentMailError);
    expect(down).toMatchObject({ code: 'ESOCKET', originalCode: 'ECONNREFUSED' });
    await expect(sut.verify()).rejects.toThrow();

    await mailpit.start();
    await sut.verify();
    expect(await sut.send(mail('outage.2'))).toMatchObject({ accepted: [to] });
    expect((await mailpit.waitForMessages(1)).map((m) => m.messageId)).toEqual(['outage.2@ita.test']);
  });

  it('gives up on a server that accepts the connection but never greets, within its bound', async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => sockets.push(socket));
    const port = await freePort();
    await new Promise<void>((resolve) => silent.listen(port, '127.0.0.1', resolve));
    const quick = new Mailer(`smtp://127.0.0.1:${port}`, { connectTimeoutMs: 500 });
    try {
      const startedAt = Date.now();
      const error = await quick.send(mail('silent.1')).catch((e: unknown) => e);
      expect(Date.now() - startedAt).toBeLessThan(3000);
      expect(error).not.toBeInstanceOf(PermanentMailError);
      expect(error).toMatchObject({ code: 'ETIMEDOUT' });
    } finally {
      quick.close();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
