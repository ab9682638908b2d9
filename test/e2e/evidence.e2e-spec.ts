/**
 * Evidence files over HTTP on a real database and file store: Thai file names survive, the
 * declared type must match the content, limits are enforced, and a task submission may cite
 * only files uploaded to its own organization (checked before any workflow is asked). A file is
 * seen only by its unit's people, the Director, the Deputy Director and auditors of its organization.
 */
import { INestApplication } from '@nestjs/common';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../../apps/api/src/app.factory';
import { AuthHeader, setUpOrganization, setUpSmallOrganization, signIn } from '../support/accounts';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { rawBody } from '../support/wait';

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from('รายงานการประชุม', 'utf8'), Buffer.from('\n%%EOF\n')]);

describe('evidence files (e2e)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let http: ReturnType<typeof request>;
  let staff: AuthHeader;
  const evidenceDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ita-evidence-'));
  const upload = (body: Buffer, type: string, name?: string, org = 'TCEB') => {
    const r = http.post(`/api/organizations/${org}/evidence`).set(staff).set('Content-Type', type);
    if (name !== undefined) r.set('X-File-Name', encodeURIComponent(name));
    return r.send(body);
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    Object.assign(process.env, { DATABASE_URL: db.url, EVIDENCE_DIR: evidenceDir, TEMPORAL_ADDRESS: '127.0.0.1:1' });
    app = await createApp({ logger: false });
    await app.init();
    http = request(app.getHttpServer());
    await setUpOrganization(app);
    await setUpSmallOrganization(app);
    staff = await signIn(http, 'tceb.plan-budget.staff');
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
    fs.rmSync(evidenceDir, { recursive: true, force: true });
    delete process.env.EVIDENCE_DIR;
  });

  it('stores a file under its Thai name and serves the same bytes back', async () => {
    const { body } = await upload(PDF, 'application/pdf', 'รายงานการประชุม ไตรมาส 1.pdf').expect(201);
    expect(body).toMatchObject({
      name: 'รายงานการประชุม ไตรมาส 1.pdf',
      contentType: 'application/pdf',
      size: PDF.length,
      url: `/api/evidence/${body.id}`,
    });
    const again = await upload(PDF, 'application/pdf', 'สำเนา.pdf').expect(201);
    expect(again.body.sha256).toBe(body.sha256);
    expect(fs.readdirSync(evidenceDir)).toEqual([body.sha256]);

    const download = await http.get(body.url).set(staff).buffer(true).parse(rawBody).expect(200);
    expect(Buffer.compare(download.body as Buffer, PDF)).toBe(0);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(download.headers['content-disposition'])![1])).toBe(
      'รายงานการประชุม ไตรมาส 1.pdf',
    );
  });

  it.each([
    ['a program dressed as a PDF', Buffer.from('MZ\x90\x00not a pdf'), 'application/pdf', 'x.pdf', 'content-type'],
    ['a type that is not evidence', Buffer.from('#!/bin/sh'), 'application/x-sh', 'x.sh', 'content-type'],
    ['no file name', PDF, 'application/pdf', undefined, 'x-file-name'],
    ['a path for a name', PDF, 'application/pdf', '../../etc/passwd', 'x-file-name'],
    ['an empty body', Buffer.alloc(0), 'application/pdf', 'x.pdf', '(body)'],
  ])('refuses %s with a 400 naming the field, storing nothing', async (_name, body, type, name, field) => {
    const before = fs.readdirSync(evidenceDir).length;
    const rows = await app.get(DataSource).query('SELECT COUNT(*) AS n FROM evidence_file');
    const response = await upload(body, type, name).expect(400);
    expect(response.body.problems.map((p: { path: string }) => p.path)).toContain(field);
    expect(fs.readdirSync(evidenceDir).length).toBe(before);
    expect(await app.get(DataSource).query('SELECT COUNT(*) AS n FROM evidence_file')).toEqual(rows);
  });

  it('refuses a file over 20 MB with 413', async () => {
    const response = await upload(
      Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(20 * 1024 * 1024)]),
      'application/pdf',
      'big.pdf',
    );
    expect(response.status).toBe(413);
    expect(response.body.problems[0].path).toBe('(body)');
  });

  it('refuses a task submission citing a file that was not uploaded here, before asking the workflow', async () => {
    const response = await http
      .post('/api/organizations/TCEB/plans/2565/measures/M01-I7/tasks/Q1-S1-PLAN_BUDGET/submit')
      .set(staff)
      .send({
        note: 'แนบไฟล์',
        progress: 'done',
        evidence: [
          { kind: 'file', url: '/api/evidence/00000000-0000-4000-8000-000000000000', name: 'x.pdf', guidelines: [1] },
        ],
      })
      .expect(400);
    expect(response.body.problems[0].path).toBe('evidence[0].url');
  });

  it("serves a file only to its unit's people and the organization's overseers; another organization cannot even find it", async () => {
    const { body } = await upload(PDF, 'application/pdf', 'หลักฐานแผนงาน.pdf').expect(201);
    expect(body.unitCode).toBe('PLAN_BUDGET');
    for (const user of ['tceb.plan-budget.head', 'tceb.deputy', 'tceb.director', 'tceb.auditor']) {
      await http
        .get(body.url)
        .set(await signIn(http, user))
        .expect(200);
    }
    for (const user of ['tceb.hr.head', 'tceb.hr.staff', 'tceb.planner']) {
      expect(
        (
          await http
            .get(body.url)
            .set(await signIn(http, user))
            .expect(403)
        ).body.problems[0].path,
      ).toBe('id');
    }
    for (const user of ['test.plan-budget.staff', 'test.auditor']) {
      expect(
        (
          await http
            .get(body.url)
            .set(await signIn(http, user))
            .expect(404)
        ).body.problems[0].path,
      ).toBe('id');
    }
    await http.get(body.url).expect(401);
    // Uploading into another organization, or for another unit, is refused.
    expect((await upload(PDF, 'application/pdf', 'x.pdf', 'TEST-ORG').expect(403)).body.problems[0].path).toBe(
      'organization',
    );
    expect(
      (
        await http
          .post('/api/organizations/TCEB/evidence?unit=HR')
          .set(staff)
          .set('Content-Type', 'application/pdf')
          .set('X-File-Name', 'x.pdf')
          .send(PDF)
          .expect(403)
      ).body.problems[0].path,
    ).toBe('unit');
    expect(
      (
        await http
          .post('/api/organizations/TCEB/evidence')
          .set(await signIn(http, 'tceb.auditor'))
          .set('Content-Type', 'application/pdf')
          .set('X-File-Name', 'x.pdf')
          .send(PDF)
          .expect(403)
      ).body.problems[0].path,
    ).toBe('role');
  });
});
