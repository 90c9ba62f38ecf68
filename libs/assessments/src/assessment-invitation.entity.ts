import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One emailed link; only the SHA-256 of its token is kept. */
@Entity('assessment_invitation')
export class AssessmentInvitation {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) assessmentId: string;
  @Column({ type: 'text', unique: true }) tokenHash: string;
  @Column({ type: 'timestamptz' }) expiresAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) revokedAt: Date | null;
  /** Whom the link was issued to: an email carries it to this address only. */
  @Column({ type: 'uuid', nullable: true }) recipientContactId: string | null;
  @Column({ type: 'citext' }) recipientEmail: string;
  @Column({ type: 'text', default: 'invitation' }) reason: 'invitation' | 'resend' | 'reassign';
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
