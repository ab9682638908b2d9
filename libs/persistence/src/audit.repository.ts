/**
 * The audit trail: appended in the projection's transaction, one hash chain per organization,
 * serialized by locking the organization's chain head; verified by walking the chain.
 */
import { DataSource, EntityManager } from 'typeorm';
import type { ProjectionBatch } from '../../contracts/src/measure.contracts';
import { auditEntryHash, ChainVerdict, GENESIS_HASH, verifyChain } from './audit-chain';
import { AuditChainHeadEntity, AuditEntryEntity } from './entities';

export class AuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Appends a batch's entries to its organization's chain; a retried batch appends nothing. */
  async append(em: EntityManager, organizationId: number, batch: ProjectionBatch): Promise<void> {
    const entries = em.getRepository(AuditEntryEntity);
    if (!batch.audit.length || await entries.existsBy({ workflowId: batch.workflowId, seq: batch.seq })) return;
    const head = await this.lockHead(em, organizationId);
    let prev = head.lastHash;
    let chainSeq = head.lastSeq;
    const rows = batch.audit.map((a, idx) => {
      const row = {
        organizationId, fiscalYear: batch.fiscalYear, measureCode: batch.measureCode, workflowId: batch.workflowId, runId: batch.runId,
        chainSeq: ++chainSeq, seq: batch.seq, idx, eventId: batch.eventId, at: a.at, actorId: a.actorId, actorRole: a.actorRole,
        actorUnit: a.actorUnit, action: a.action, entity: a.entity, entityKey: a.key, before: a.before ?? null, after: a.after ?? null,
      };
      const hash = auditEntryHash(prev, row);
      const chained = { ...row, prevHash: prev, hash };
      prev = hash;
      return chained;
    });
    await entries.insert(rows as never);
    await em.getRepository(AuditChainHeadEntity).update({ organizationId }, { lastSeq: chainSeq, lastHash: prev });
  }

  /** Walks an organization's whole chain and names the first entry that does not fit. */
  async verify(organizationId: number): Promise<ChainVerdict> {
    const head = await this.dataSource.getRepository(AuditChainHeadEntity).findOneBy({ organizationId });
    const entries = await this.dataSource.getRepository(AuditEntryEntity).createQueryBuilder('a')
      .where('a.organization_id = :organizationId', { organizationId })
      .orderBy('CASE WHEN a.chain_seq IS NULL THEN 0 ELSE 1 END', 'ASC').addOrderBy('a.chain_seq', 'ASC').addOrderBy('a.id', 'ASC')
      .getMany();
    return verifyChain(entries, head);
  }

  /**
   * The head row, locked for this transaction: SELECT … FOR UPDATE on MySQL; on SQLite a write
   * to the row first, which takes the database's write lock before anything is read.
   */
  private async lockHead(em: EntityManager, organizationId: number): Promise<AuditChainHeadEntity> {
    const heads = em.getRepository(AuditChainHeadEntity);
    await em.createQueryBuilder().insert().into(AuditChainHeadEntity).orIgnore()
      .values({ organizationId, lastSeq: 0, lastHash: GENESIS_HASH }).execute();
    if (this.dataSource.options.type === 'better-sqlite3') {
      await heads.update({ organizationId }, { lastSeq: () => 'last_seq' } as never);
      return heads.findOneByOrFail({ organizationId });
    }
    return heads.createQueryBuilder('h').setLock('pessimistic_write').where('h.organization_id = :organizationId', { organizationId }).getOneOrFail();
  }
}
