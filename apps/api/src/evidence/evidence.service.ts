/**
 * Evidence files: stored once by content (SHA-256) under the evidence directory, described by a
 * row per upload, served back by id. The type a client declares must match the file's content.
 */
import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataSource, In } from 'typeorm';
import type { AppConfig } from '@ita/config/app-config';
import { APP_CONFIG } from '@ita/config/config.module';
import { DomainError, DomainErrorCode } from '@ita/domain/domain-error';
import { OVERSEER_ROLES, unitsActedFor } from '@ita/domain/access/authority';
import type { Evidence } from '@ita/domain/measure/measure.types';
import { EvidenceFileEntity } from '@ita/persistence/entities';
import { PlanRepository } from '@ita/persistence/plan.repository';
import type { Principal } from '../auth/access';
import { EVIDENCE_TYPES, MAX_EVIDENCE_BYTES } from './evidence-types';

const FILE_URL = /^\/api\/evidence\/([0-9a-f-]{36})$/;

@Injectable()
export class EvidenceService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly plans: PlanRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async upload(
    p: Principal,
    rawName: string | undefined,
    contentType: string | undefined,
    bytes: Buffer,
    rawUnit?: string,
  ) {
    const units = unitsActedFor(p, Date.now());
    const unitCode = rawUnit || units[0];
    if (!units.includes(unitCode)) {
      throw new DomainError(
        DomainErrorCode.Forbidden,
        `you upload evidence for ${units.join(', ') || 'no unit'}, not ${rawUnit}`,
        [{ path: 'unit', message: `"${rawUnit}" is not a unit you work for` }],
      );
    }
    const name = decodeName(rawName);
    const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
    const problems = [];
    if (!bytes.length) problems.push({ path: '(body)', message: 'is empty: send the file itself as the body' });
    if (bytes.length > MAX_EVIDENCE_BYTES)
      problems.push({ path: '(body)', message: `is ${bytes.length} bytes; at most ${MAX_EVIDENCE_BYTES}` });
    const check = EVIDENCE_TYPES[type];
    if (!check)
      problems.push({
        path: 'content-type',
        message: `"${type}" is not accepted; use one of ${Object.keys(EVIDENCE_TYPES).join(', ')}`,
      });
    else if (bytes.length && !check(bytes))
      problems.push({ path: 'content-type', message: `the file's content is not ${type}` });
    if (problems.length)
      throw new DomainError(DomainErrorCode.InvalidArgument, 'the evidence file was not accepted', problems);

    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const file = path.join(this.config.evidenceDir, sha256);
    if (!fs.existsSync(file)) {
      fs.mkdirSync(this.config.evidenceDir, { recursive: true });
      const partial = `${file}.${process.pid}.part`;
      fs.writeFileSync(partial, bytes);
      fs.renameSync(partial, file);
    }
    const row: EvidenceFileEntity = {
      id: randomUUID(),
      organizationId: p.organizationId,
      sha256,
      name,
      contentType: type,
      size: bytes.length,
      uploadedBy: p.id,
      unitCode,
      uploadedAt: new Date().toISOString(),
    };
    await this.dataSource.getRepository(EvidenceFileEntity).insert(row);
    return { id: row.id, url: `/api/evidence/${row.id}`, name, contentType: type, size: row.size, sha256, unitCode };
  }

  /**
   * A file for download: only within its organization (another organization's file is "not
   * found"), and to the people of the unit that uploaded it, the Director, the Deputy Director and auditors.
   */
  async open(id: string, p: Principal): Promise<{ meta: EvidenceFileEntity; stream: fs.ReadStream }> {
    const meta = /^[0-9a-f-]{36}$/.test(id)
      ? await this.dataSource.getRepository(EvidenceFileEntity).findOneBy({ id })
      : null;
    if (!meta || meta.organizationId !== p.organizationId)
      throw new DomainError(DomainErrorCode.NotFound, `no evidence file ${id}`, [{ path: 'id', message: 'not found' }]);
    const overseer = OVERSEER_ROLES.includes(p.role);
    if (!overseer && !(meta.unitCode && unitsActedFor(p, Date.now()).includes(meta.unitCode))) {
      throw new DomainError(
        DomainErrorCode.Forbidden,
        `evidence file ${id} belongs to unit ${meta.unitCode ?? '(none)'}`,
        [{ path: 'id', message: 'not a file of your unit' }],
      );
    }
    const file = path.join(this.config.evidenceDir, meta.sha256);
    if (!fs.existsSync(file)) {
      throw new DomainError(
        DomainErrorCode.NotFound,
        `the content of evidence file ${id} is missing from the evidence store`,
        [{ path: 'id', message: 'content missing' }],
      );
    }
    return { meta, stream: fs.createReadStream(file) };
  }

  /** Files cited as evidence must have been uploaded to the same organization. */
  async assertUploaded(organizationCode: string, evidence: unknown): Promise<void> {
    // Malformed or oversized lists are the workflow validator's to reject, with their field named.
    if (!Array.isArray(evidence) || evidence.length > 20) return;
    const cited = evidence.map((e: Partial<Evidence>, i) => ({ i, e })).filter(({ e }) => e?.kind === 'file');
    if (!cited.length) return;
    const org = await this.plans.findOrganization(organizationCode);
    const ids = cited.map(({ e }) => FILE_URL.exec(String(e.url))?.[1]).filter((x): x is string => !!x);
    const found = new Set(
      (
        await this.dataSource.getRepository(EvidenceFileEntity).findBy({ id: In(ids), organizationId: org?.id ?? -1 })
      ).map((f) => f.id),
    );
    const missing = cited.find(({ e }) => !found.has(FILE_URL.exec(String(e.url))?.[1] ?? ''));
    if (missing) {
      throw new DomainError(
        DomainErrorCode.InvalidArgument,
        'evidence cites a file that was not uploaded to this organization',
        [
          {
            path: `evidence[${missing.i}].url`,
            message: `${JSON.stringify(missing.e.url)} is not an uploaded file of ${organizationCode}`,
          },
        ],
      );
    }
  }
}

function decodeName(raw: string | undefined): string {
  let name = '';
  try {
    name = decodeURIComponent(raw ?? '')
      .normalize('NFC')
      .trim();
  } catch {
    throw new DomainError(DomainErrorCode.InvalidArgument, 'X-File-Name is not percent-encoded UTF-8', [
      { path: 'x-file-name', message: 'cannot be decoded' },
    ]);
  }
  // eslint-disable-next-line no-control-regex
  if (!name || name.length > 300 || /[\u0000-\u001f/\\]/.test(name)) {
    throw new DomainError(
      DomainErrorCode.InvalidArgument,
      'X-File-Name must name the file (at most 300 characters, no path)',
      [{ path: 'x-file-name', message: 'is missing or not a plain file name' }],
    );
  }
  return name;
}
