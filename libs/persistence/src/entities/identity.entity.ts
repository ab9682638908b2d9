/**
 * Who the users are and what authority they hold: accounts (one role, and a unit for unit staff
 * and heads), dated delegations of authority, refresh tokens, and login throttling.
 */
import type { UserRole } from '@ita/domain/access/actor';
import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { Grant } from '@ita/domain/access/actor';

@Entity({ name: 'user_account' })
@Index('uq_user_username', ['username'], { unique: true })
@Index('uq_user_oidc', ['oidcIssuer', 'oidcSubject'], { unique: true })
@Index('ix_user_org', ['organizationId', 'role'])
export class UserAccountEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'organization_id', type: 'int' })
  organizationId!: number;

  /** Login name, unique across organizations (e.g. tceb.hr.head). */
  @Column({ type: 'varchar', length: 100 })
  username!: string;

  @Column({ name: 'display_name', type: 'varchar', length: 200 })
  displayName!: string;

  @Column({ type: 'varchar', length: 32 })
  role!: UserRole;

  @Column({ name: 'unit_code', type: 'varchar', length: 32, nullable: true })
  unitCode!: string | null;

  /** Where notifications are mailed; null: the notification centre only. */
  @Column({ type: 'varchar', length: 254, nullable: true })
  email!: string | null;

  /** argon2id; null for accounts that sign in only through the organization's identity provider. */
  @Column({ name: 'password_hash', type: 'varchar', length: 200, nullable: true })
  passwordHash!: string | null;

  @Column({ name: 'oidc_issuer', type: 'varchar', length: 300, nullable: true })
  oidcIssuer!: string | null;

  @Column({ name: 'oidc_subject', type: 'varchar', length: 200, nullable: true })
  oidcSubject!: string | null;

  @Column({ type: 'boolean', width: 1, default: true })
  active!: boolean;

  /** Bumped to cut off every token already issued (password change, deactivation). */
  @Column({ name: 'token_version', type: 'int', default: 0 })
  tokenVersion!: number;

  @Column({ name: 'created_at', type: 'varchar', length: 32 })
  createdAt!: string;
}

/** Authority handed from one user to another for a range of days (Asia/Bangkok dates, inclusive). */
@Entity({ name: 'delegation' })
@Index('ix_delegation_org', ['organizationId', 'kind', 'startsOn'])
export class DelegationEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'organization_id', type: 'int' })
  organizationId!: number;

  /** oversight (the Director's report approval and escalations) | unit-head (acting head). */
  @Column({ type: 'varchar', length: 16 })
  kind!: Grant['kind'];

  @Column({ name: 'unit_code', type: 'varchar', length: 32, nullable: true })
  unitCode!: string | null;

  @Column({ name: 'delegator', type: 'varchar', length: 100 })
  delegator!: string;

  @Column({ name: 'delegate', type: 'varchar', length: 100 })
  delegate!: string;

  /** YYYY-MM-DD (Gregorian), first day in force. */
  @Column({ name: 'starts_on', type: 'varchar', length: 10 })
  startsOn!: string;

  /** YYYY-MM-DD, last day in force; null until revoked. */
  @Column({ name: 'ends_on', type: 'varchar', length: 10, nullable: true })
  endsOn!: string | null;

  @Column({ type: 'varchar', length: 1000 })
  reason!: string;

  @Column({ name: 'created_by', type: 'varchar', length: 100 })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'varchar', length: 32 })
  createdAt!: string;

  @Column({ name: 'revoked_at', type: 'varchar', length: 32, nullable: true })
  revokedAt!: string | null;

  @Column({ name: 'revoked_by', type: 'varchar', length: 100, nullable: true })
  revokedBy!: string | null;
}

/** A refresh token: only its hash is kept. Rotated on every use; reuse revokes its whole family. */
@Entity({ name: 'refresh_token' })
@Index('ix_refresh_family', ['family'])
export class RefreshTokenEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'user_id', type: 'int' })
  userId!: number;

  @Column({ type: 'varchar', length: 36 })
  family!: string;

  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash!: string;

  @Column({ name: 'expires_at', type: 'varchar', length: 32 })
  expiresAt!: string;

  @Column({ name: 'used_at', type: 'varchar', length: 32, nullable: true })
  usedAt!: string | null;

  @Column({ name: 'revoked_at', type: 'varchar', length: 32, nullable: true })
  revokedAt!: string | null;
}

/** Failed sign-ins per key (an account, or an address), shared by every API replica. */
@Entity({ name: 'login_throttle' })
export class LoginThrottleEntity {
  @PrimaryColumn({ name: 'throttle_key', type: 'varchar', length: 200 })
  key!: string;

  @Column({ type: 'int' })
  failures!: number;

  @Column({ name: 'window_started_at', type: 'varchar', length: 32 })
  windowStartedAt!: string;

  @Column({ name: 'locked_until', type: 'varchar', length: 32, nullable: true })
  lockedUntil!: string | null;
}
