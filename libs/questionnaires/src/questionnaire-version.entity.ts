import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { QuestionnaireDefinition, QuestionnairePurpose } from './definition.js';

/** One published version of a questionnaire; never changed once stored. */
@Entity('questionnaire_version')
export class QuestionnaireVersion {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) key: string;
  @Column({ type: 'integer' }) version: number;
  @Column({ type: 'text' }) title: string;
  @Column({ type: 'text', nullable: true }) description: string | null;
  /** `security` (scored, sets the band) or `incident` (never scored); from the definition, default security. */
  @Column({ type: 'text', default: 'security' }) purpose: QuestionnairePurpose;
  @Column({ type: 'jsonb' }) definition: QuestionnaireDefinition;
  @Column({ type: 'text' }) checksum: string;
  @Column({ type: 'integer' }) questionCount: number;
  @Column({ type: 'text' }) source: 'shipped' | 'imported';
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
