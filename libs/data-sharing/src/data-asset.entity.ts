import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { numericAsNumber } from '@app/platform';
import type { Classification } from '@app/scoring';

/** Something the organisation holds, with its classification and size. */
@Entity('data_asset')
export class DataAsset {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text', nullable: true }) description: string | null;
  @Column({ type: 'text' }) classification: Classification;
  @Column({ type: 'text', array: true, default: '{}' }) categories: string[];
  @Column({ type: 'bigint', transformer: numericAsNumber }) recordCount: number;
  @Column({ type: 'text', nullable: true }) systemOfRecord: string | null;
  @Column({ type: 'uuid', nullable: true }) ownerId: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
