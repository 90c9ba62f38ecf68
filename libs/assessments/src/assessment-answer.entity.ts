import { Column, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { numericAsNumber } from '@app/platform';

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
  @Column({ type: 'numeric', precision: 3, scale: 2, nullable: true, transformer: numericAsNumber }) adjustedScore:
    number | null;
  @Column({ type: 'text', nullable: true }) adjustmentReason: string | null;
  @Column({ type: 'uuid', nullable: true }) adjustedBy: string | null;
  @Column({ type: 'timestamptz', nullable: true }) adjustedAt: Date | null;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
