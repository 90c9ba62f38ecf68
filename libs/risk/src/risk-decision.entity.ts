import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { dateAsString, numericAsNumber } from '@app/platform';

export const DECISIONS = ['accept', 'mitigate', 'transfer', 'avoid'] as const;
export type DecisionType = (typeof DECISIONS)[number];

/** What the organisation decided about a supplier's risk (risk-model section 7). One is current. */
@Entity('risk_decision')
export class RiskDecision {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) supplierId: string;
  @Column({ type: 'text' }) decision: DecisionType;
  @Column({ type: 'text' }) rationale: string;
  @Column({ type: 'date', transformer: dateAsString }) reviewDate: string;
  @Column({ type: 'text', nullable: true }) insurer: string | null;
  @Column({ type: 'text', nullable: true }) policyRef: string | null;
  @Column({ type: 'numeric', name: 'insurance_limit', nullable: true, transformer: numericAsNumber }) limit:
    number | null;
  @Column({ type: 'numeric', name: 'insurance_excess', nullable: true, transformer: numericAsNumber }) excess:
    number | null;
  @Column({ type: 'date', nullable: true, transformer: dateAsString }) expiresOn: string | null;
  @Column({ type: 'date', nullable: true, transformer: dateAsString }) endLinksBy: string | null;
  @Column({ type: 'uuid', array: true, default: '{}' }) findingIds: string[];
  @Column({ type: 'boolean', default: true }) current: boolean;
  @Column({ type: 'uuid', nullable: true }) decidedBy: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) supersededAt: Date | null;
}
