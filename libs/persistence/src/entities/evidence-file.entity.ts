import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** An uploaded evidence file. The bytes live in the evidence store, named by their SHA-256. */
@Entity({ name: 'evidence_file' })
@Index('ix_evidence_org', ['organizationId', 'uploadedAt'])
export class EvidenceFileEntity {
  /** Random UUID: the file's public name in /api/evidence/{id}. */
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'organization_id', type: 'int' })
  organizationId!: number;

  @Column({ type: 'varchar', length: 64 })
  sha256!: string;

  @Column({ type: 'varchar', length: 300 })
  name!: string;

  @Column({ name: 'content_type', type: 'varchar', length: 100 })
  contentType!: string;

  @Column({ type: 'int' })
  size!: number;

  @Column({ name: 'uploaded_by', type: 'varchar', length: 100 })
  uploadedBy!: string;

  /** The unit the uploader worked for; its people (and overseers, auditors) may download the file. */
  @Column({ name: 'unit_code', type: 'varchar', length: 32, nullable: true })
  unitCode!: string | null;

  @Column({ name: 'uploaded_at', type: 'varchar', length: 32 })
  uploadedAt!: string;
}
