/**
 * The audit trail: appended in the projection's transaction, one hash chain per organization,
 * serialized by locking the organization's chain head; verified by walking the chain.
 */
import { DataSource, EntityManager } from 'typeorm';
import type { AuditRecord, ProjectionBatch } from '@ita/contracts/measure.contracts';
import { fiscalYearOf } from '@ita/domain/fiscal-calendar';
import { auditEntryHash, ChainVerdict, GENESIS_HASH, verifyChain } from './audit-chain';
import { AuditChainHeadEntity, AuditEntryEntity } from './entities';

export interface AuditFilter {
  fiscalYear?: number;
  measureCode?: string;
  /** The unit that acted, whose task it was, or that was added or changed (by a plan import). */
  unitCode?: string;
  actorId?: string;
  /** An action ("task.approved"), or a family of them ending in a dot ("task."). */
  action?: string;
  /** ISO-8601 instants, inclusive from, exclusive to. */
  from?: string;
  to?: string;
}

const entryOf = (a: AuditRecord) => ({
  at: a.at,
  actorId: a.actorId,
  actorRole: a.actorRole,
  actorUnit: a.actorUnit,
  action: a.action,
  entity: a.entity,
  entityKey: a.key,
  before: a.before ?? null,
  after: a.after ?? null,
  authority: a.authority ?? null,
});

/** Escapes LIKE wildcards (unit codes contain "_"); used with ESCAPE '!'. */
const likeLiteral = (text: string) => text.replace(/[!%_]/g, (c) => `!${c}`);

export class AuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Appends a batch's entries to its organization's chain; a retried batch appends nothing.
   * `locked`: the head, if the caller's transaction has locked it already (lockHead).
   */
  async append(
    em: EntityManager,
    organizationId: number,
    batch: ProjectionBatch,
    locked?: AuditChainHeadEntity,
  ): Promise<void> {
    if (
      !batch.audit.length ||
      (await em.getRepository(AuditEntryEntity).existsBy({ workflowId: batch.workflowId, seq: batch.seq }))
    )
      return;
    const { fiscalYear, measureCode, workflowId, runId, seq, eventId } = batch;
    await this.chain(
      em,
      organizationId,
      batch.audit.map((a, idx) => ({ ...entryOf(a), fiscalYear, measureCode, workflowId, runId, seq, idx, eventId })),
      locked,
    );
  }

  /**
   * Appends a change made outside the measure workflows (a delegation, an account, a plan import
   * or activation) to the same chain, in the caller's transaction. Its workflow id names the
   * organization; it has no run or event. Its fiscal year is the one it happened in, unless it
   * belongs to a year of its own (a plan's import or activation: searched by the plan's year).
   */
  async appendAdministrative(
    em: EntityManager,
    organizationId: number,
    organizationCode: string,
    record: AuditRecord,
    fiscalYear?: number,
  ): Promise<void> {
    const head = await this.lockHead(em, organizationId);
    await this.chain(
      em,
      organizationId,
      [
        {
          ...entryOf(record),
          fiscalYear: fiscalYear ?? fiscalYearOf(new Date(record.at)),
          measureCode: '',
          workflowId: `organization/${organizationCode}`,
          runId: '',
          seq: head.lastSeq + 1,
          idx: 0,
          eventId: 0,
        },
      ],
      head,
    );
  }

  private async chain(
    em: EntityManager,
    organizationId: number,
    rows: Array<Omit<AuditEntryEntity, 'id' | 'hash' | 'prevHash' | 'chainSeq' | 'organizationId'>>,
    locked?: AuditChainHeadEntity,
  ): Promise<void> {
    const head = locked ?? (await this.lockHead(em, organizationId));
    let prev = head.lastHash;
    let chainSeq = head.lastSeq;
    const chained = rows.map((r) => {
      const row = { ...r, organizationId, chainSeq: ++chainSeq };
      const hash = auditEntryHash(prev, row);
      const entry = { ...row, prevHash: prev, hash };
      prev = hash;
      return entry;
    });
    await em.getRepository(AuditEntryEntity).insert(chained as never);
    await em.getRepository(AuditChainHeadEntity).update({ organizationId }, { lastSeq: chainSeq, lastHash: prev });
  }

  /** An organization's audit entries matching a filter, in chain order (pageSize 0: all of them). */
  async search(
    organizationId: number,
    filter: AuditFilter,
    page: number,
    pageSize: number,
  ): Promise<{ items: AuditEntryEntity[]; total: number }> {
    const qb = this.dataSource
      .getRepository(AuditEntryEntity)
      .createQueryBuilder('a')
      .where('a.organization_id = :organizationId', { organizationId });
    if (filter.fiscalYear) qb.andWhere('a.fiscal_year = :fiscalYear', { fiscalYear: filter.fiscalYear });
    if (filter.measureCode) qb.andWhere('a.measure_code = :measureCode', { measureCode: filter.measureCode });
    if (filter.actorId) qb.andWhere('a.actor_id = :actorId', { actorId: filter.actorId });
    if (filter.unitCode) {
      qb.andWhere(
        "(a.actor_unit = :unit OR (a.entity = 'task' AND a.entity_key LIKE :unitKey ESCAPE '!') OR (a.entity = 'unit' AND a.entity_key = :unit))",
        { unit: filter.unitCode, unitKey: `%-${likeLiteral(filter.unitCode)}` },
      );
    }
    if (filter.action?.endsWith('.'))
      qb.andWhere("a.action LIKE :action ESCAPE '!'", { action: `${likeLiteral(filter.action)}%` });
    else if (filter.action) qb.andWhere('a.action = :action', { action: filter.action });
    if (filter.from) qb.andWhere('a.at >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('a.at < :to', { to: filter.to });
    qb.orderBy('a.chain_seq', 'ASC').addOrderBy('a.id', 'ASC');
    if (pageSize > 0) qb.skip((page - 1) * pageSize).take(pageSize);
    const [items, total] = await qb.getManyAndCount();
    return { items, total };
  }

  /**
   * Walks an organization's whole chain and names the first entry that does not fit. The head and
   * the entries are read in one read transaction (one snapshot on MySQL; on SQLite, WAL gives a
   * reader its snapshot at its first read), and only the entries up to that head are walked: a
   * measure appending meanwhile is not a broken chain. Unchained entries (no sequence) are always
   * read, since only tampering makes them; without a head every entry is read, for the same reason.
   */
  async verify(organizationId: number): Promise<ChainVerdict> {
    const read = async (em: EntityManager) => {
      const head = await em.getRepository(AuditChainHeadEntity).findOneBy({ organizationId });
      const qb = em
        .getRepository(AuditEntryEntity)
        .createQueryBuilder('a')
        .where('a.organization_id = :organizationId', { organizationId });
      if (head) qb.andWhere('(a.chain_seq IS NULL OR a.chain_seq <= :lastSeq)', { lastSeq: head.lastSeq });
      const entries = await qb
        .orderBy('CASE WHEN a.chain_seq IS NULL THEN 0 ELSE 1 END', 'ASC')
        .addOrderBy('a.chain_seq', 'ASC')
        .addOrderBy('a.id', 'ASC')
        .getMany();
      return verifyChain(entries, head);
    };
    // REPEATABLE READ even where a server defaults to READ COMMITTED (a snapshot per statement).
    return this.dataSource.options.type === 'better-sqlite3'
      ? this.dataSource.transaction(read)
      : this.dataSource.transaction('REPEATABLE READ', read);
  }

  /**
   * The head row, locked for this transaction, by writing to it first: on MySQL an upsert, which
   * takes the row's exclusive lock at once (INSERT IGNORE took a shared one, and two appenders
   * then both asking FOR UPDATE deadlocked); on SQLite a write, which takes the database's write
   * lock before anything is read. A transaction that will append takes it first, before it reads
   * anything else: on SQLite a transaction that read first and then writes cannot wait for the
   * lock (SQLITE_BUSY at once, whatever the busy timeout), and on MySQL one order of locks for
   * every appender keeps them from deadlocking.
   */
  async lockHead(em: EntityManager, organizationId: number): Promise<AuditChainHeadEntity> {
    const heads = em.getRepository(AuditChainHeadEntity);
    if (this.dataSource.options.type === 'better-sqlite3') {
      await em
        .createQueryBuilder()
        .insert()
        .into(AuditChainHeadEntity)
        .orIgnore()
        .values({ organizationId, lastSeq: 0, lastHash: GENESIS_HASH })
        .execute();
      await heads.update({ organizationId }, { lastSeq: () => 'last_seq' } as never);
      return heads.findOneByOrFail({ organizationId });
    }
    await em.query(
      'INSERT INTO audit_chain_head (organization_id, last_seq, last_hash) VALUES (?, 0, ?) ON DUPLICATE KEY UPDATE last_seq = last_seq',
      [organizationId, GENESIS_HASH],
    );
    return heads
      .createQueryBuilder('h')
      .setLock('pessimistic_write')
      .where('h.organization_id = :organizationId', { organizationId })
      .getOneOrFail();
  }
}
