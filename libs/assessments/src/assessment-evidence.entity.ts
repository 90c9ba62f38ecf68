import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

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
