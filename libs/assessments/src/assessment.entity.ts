import type { AssessmentScore } from '@app/scoring';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { dateAsString } from '@app/platform';

export const ASSESSMENT_STATUSES = [
  'sent',
  'in_progress',
  'submitted',
  'returned',
  'completed',
  'cancelled',
  'expired',
] as const;
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
  @Column({ type: 'jsonb', nullable: true }) attestation: {
    name: string;
    jobTitle: string;
    confirmed: true;
    at: string;
  } | null;
  /** The control score: provisional at submission, final at completion, with what made it. */
  @Column({ type: 'jsonb', nullable: true }) score:
    (AssessmentScore & { stage: 'provisional' | 'final'; scoredAt: string }) | null;
  /** 0 none, 1 escalated to the supplier's escalation contact, 2 to the governance committee (set by the scheduler). */
  @Column({ type: 'smallint', default: 0 }) escalationLevel: number;
  @Column({ type: 'timestamptz', nullable: true }) submittedAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) completedAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) cancelledAt: Date | null;
  @Column({ type: 'uuid', nullable: true }) createdBy: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
