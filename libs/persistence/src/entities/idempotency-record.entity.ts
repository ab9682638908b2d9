/**
 * One command sent with an Idempotency-Key: whose key it is (organization and user), what was
 * asked (a fingerprint of route, path parameters and body), and once answered, the answer, so
 * the same request again gets the same answer, even from another API replica or after a restart.
 */
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type IdempotencyState = 'in-progress' | 'done';

@Entity({ name: 'idempotency_record' })
@Index('uq_idempotency_key', ['organizationId', 'userId', 'idempotencyKey'], { unique: true })
export class IdempotencyRecordEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'organization_id', type: 'int' })
  organizationId!: number;

  @Column({ name: 'user_id', type: 'int' })
  userId!: number;

  /** The client's key as sent (printable ASCII, at most 200 characters). */
  @Column({ name: 'idempotency_key', type: 'varchar', length: 200 })
  idempotencyKey!: string;

  /** "POST /api/…/:taskKey/submit", for the message when the key is reused elsewhere. */
  @Column({ type: 'varchar', length: 300 })
  route!: string;

  /** sha256 of the canonical JSON of route, path parameters and body. */
  @Column({ type: 'varchar', length: 64 })
  fingerprint!: string;

  @Column({ type: 'varchar', length: 16 })
  state!: IdempotencyState;

  /**
   * Who is answering it now: every write of the answer is conditional on this token, so a claim
   * taken over from a crashed request cannot be overwritten by that request coming back to life.
   */
  @Column({ name: 'claim_token', type: 'varchar', length: 36 })
  claimToken!: string;

  @Column({ name: 'claimed_at', type: 'varchar', length: 32 })
  claimedAt!: string;

  @Column({ name: 'response_status', type: 'int', nullable: true })
  responseStatus!: number | null;

  /** The answer's JSON body (MEDIUMTEXT on MySQL: a measure's state can pass 64 KB). */
  @Column({ name: 'response_body', type: 'text', nullable: true })
  responseBody!: string | null;

  @Column({ name: 'created_at', type: 'varchar', length: 32 })
  createdAt!: string;

  @Column({ name: 'completed_at', type: 'varchar', length: 32, nullable: true })
  completedAt!: string | null;
}
