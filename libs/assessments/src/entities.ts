import type { AssessmentScore } from '@app/scoring';
import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { dateAsString, numericAsNumber } from '@app/platform';

export const ASSESSMENT_STATUSES = ['sent', 'in_progress', 'submitted', 'returned', 'completed', 'cancelled', 'expired'] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];
/** Statuses in which the supplier can still answer (and reminders, overdue notices and expiry apply). */
export const ANSWERABLE_STATUSES: readonly AssessmentStatus[] = ['sent', 'in_progress', 'returned'];
/** Statuses of a questionnaire not yet finished: answerable, or submitted and awaiting review (one per questionnaire and supplier). */
export const OPEN_STATUSES: readonly AssessmentStatus[] = [...ANSWERABLE_STATUSES, 'submitted'];
export const isAnswerable = (status: string): boolean => (ANSWERABLE_STATUSES as readonly string[]).includes(status);


/** A questionnaire sent to one supplier contact, answered through the emailed link. */
@Entity('assessment')
export class Assessment {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) supplierId: string;
  @Column({ type: 'uuid' }) questionnaireVersionId: string;
  @Column({ type: 'text' }) questionnaireKey: string;
  @Column({ type: 'integer' }) questionnaireVersion: number;
  @Column({ type: 'uuid' }) recipientContactId: string;
  @Column({ type: 'text' }) recipientName: string;
  @Column({ type: 'citext' }) recipientEmail: string;
  @Column({ type: 'date', transformer: dateAsString }) dueDate: string;
  @Column({ type: 'text' }) status: AssessmentStatus;
  @Column({ type: 'text', array: true, default: '{}' }) returnedQuestions: string[];
  @Column({ type: 'text', nullable: true }) returnMessage: string | null;
  @Column({ type: 'jsonb', nullable: true }) attestation: { name: string; jobTitle: string; confirmed: true; at: string } | null;
  /** The control score: provisional at submission, final at completion, with what made it. */
  @Column({ type: 'jsonb', nullable: true }) score: (AssessmentScore & { stage: 'provisional' | 'final'; scoredAt: string }) | null;
  /** 0 none, 1 escalated to the supplier's escalation contact, 2 to the governance committee (set by the scheduler). */
  @Column({ type: 'smallint', default: 0 }) escalationLevel: number;
  @Column({ type: 'timestamptz', nullable: true }) submittedAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) completedAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) cancelledAt: Date | null;
  @Column({ type: 'uuid', nullable: true }) createdBy: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

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

/** A supplier's browser session, bound to one assessment; only the hash of its id is kept. */
@Entity('portal_session')
export class PortalSession {
  @PrimaryColumn({ type: 'text' }) idHash: string;
  @Column({ type: 'uuid' }) assessmentId: string;
  @Column({ type: 'uuid' }) invitationId: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @Column({ type: 'timestamptz' }) lastSeenAt: Date;
  @Column({ type: 'timestamptz' }) expiresAt: Date;
}

@Entity('assessment_answer')
export class AssessmentAnswer {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) assessmentId: string;
  @Column({ type: 'text' }) questionCode: string;
  @Column({ type: 'jsonb', nullable: true }) value: string | number | string[] | null;
  @Column({ type: 'boolean', default: false }) notApplicable: boolean;
  @Column({ type: 'text', nullable: true }) comment: string | null;
  @Column({ type: 'integer', default: 1 }) version: number;
  /** The reviewer's "not supported by evidence": the score s this answer counts for, and why. */
  @Column({ type: 'numeric', precision: 3, scale: 2, nullable: true, transformer: numericAsNumber }) adjustedScore: number | null;
  @Column({ type: 'text', nullable: true }) adjustmentReason: string | null;
  @Column({ type: 'uuid', nullable: true }) adjustedBy: string | null;
  @Column({ type: 'timestamptz', nullable: true }) adjustedAt: Date | null;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

/** A file attached to an answer; its content is stored with its SHA-256 and a server-made name. */
@Entity('assessment_evidence')
export class AssessmentEvidence {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) assessmentId: string;
  @Column({ type: 'text' }) questionCode: string;
  @Column({ type: 'text' }) fileName: string;
  @Column({ type: 'text' }) originalName: string;
  @Column({ type: 'text' }) mediaType: string;
  @Column({ type: 'integer' }) size: number;
  @Column({ type: 'text' }) sha256: string;
  @Column({ type: 'bytea', select: false }) content: Buffer;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
