/**
 * A person's private calendar feed: the SHA-256 of the secret in its URL, never the secret
 * itself (it is shown once, when made). One row per person: replacing the feed writes a new hash
 * over the old one, so the old URL stops working at once; revoking it marks the row.
 */
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'calendar_feed_token' })
@Index('uq_calendar_feed_user', ['userId'], { unique: true })
@Index('uq_calendar_feed_hash', ['tokenHash'], { unique: true })
export class CalendarFeedTokenEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'user_id', type: 'int' })
  userId!: number;

  /** Hex SHA-256 of the token (32 random bytes, base64url) in the feed's URL. */
  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash!: string;

  /** When the live token was made (each replacement makes a new one). */
  @Column({ name: 'created_at', type: 'varchar', length: 32 })
  createdAt!: string;

  @Column({ name: 'revoked_at', type: 'varchar', length: 32, nullable: true })
  revokedAt!: string | null;
}
