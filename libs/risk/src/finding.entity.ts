import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { dateAsString, numericAsNumber } from '@app/platform';

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const FINDING_STATUSES = ['open', 'remediation_planned', 'resolved', 'accepted'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

/** A question of a completed assessment that fell short (risk-model section 2), and its remediation. */
@Entity('finding')
export class Finding {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) supplierId: string;
  @Column({ type: 'uuid' }) assessmentId: string;
  @Column({ type: 'text' }) questionCode: string;
  @Column({ type: 'text' }) questionText: string;
  @Column({ type: 'text' }) sectionTitle: string;
  @Column({ type: 'text' }) severity: Severity;
  @Column({ type: 'text', default: 'open' }) status: FindingStatus;
  @Column({ type: 'jsonb', nullable: true }) answer: unknown;
  @Column({ type: 'text', nullable: true }) comment: string | null;
  @Column({ type: 'text', nullable: true }) recommendation: string | null;
  @Column({ type: 'jsonb', default: [] }) mappings: { framework: string; ref: string }[];
  @Column({ type: 'uuid', nullable: true }) ownerId: string | null;
  @Column({ type: 'date', nullable: true, transformer: dateAsString }) dueDate: string | null;
  @Column({ type: 'text', nullable: true }) plannedAction: string | null;
  @Column({ type: 'text', nullable: true }) resolutionEvidence: string | null;
  @Column({ type: 'text', nullable: true }) acceptanceReason: string | null;
  @Column({ type: 'date', nullable: true, transformer: dateAsString }) acceptedUntil: string | null;
  /** An acceptance that reached its expiry and reopened the finding (the daily risk run): what it was, and when it lapsed. */
  @Column({ type: 'jsonb', nullable: true }) lapsedAcceptance: {
    reason: string | null;
    acceptedUntil: string;
    lapsedOn: string;
  } | null;
  /** Procurement's estimate of what fixing it costs, GBP (risk-model section 10). */
  @Column({ type: 'numeric', nullable: true, transformer: numericAsNumber }) remediationCost: number | null;
  /** Net VaR fixing it would remove, whole pounds; recomputed with the supplier's figures (section 10). */
  @Column({ type: 'numeric', nullable: true, transformer: numericAsNumber }) riskReduction: number | null;
  /** Set when a newer completed assessment of the same questionnaire replaced this one's findings. */
  @Column({ type: 'timestamptz', nullable: true }) supersededAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
