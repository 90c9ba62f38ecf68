import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const OUTBOX_STATUSES = ['pending', 'queued', 'sent', 'failed', 'dead', 'skipped'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** One email owed, written in the same transaction as the change that owes it. */
@Entity('outbox_message')
export class OutboxMessage {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) kind: string;
  @Column({ type: 'text', array: true }) recipients: string[];
  @Column({ type: 'text' }) template: string;
  @Column({ type: 'jsonb' }) refs: Record<string, string>;
  @Column({ type: 'text', unique: true }) dedupeKey: string;
  @Column({ type: 'text', default: 'pending' }) status: OutboxStatus;
  @Column({ type: 'integer', default: 0 }) attempts: number;
  @Column({ type: 'text', nullable: true }) lastError: string | null;
  /** Why the worker did not send it (status `skipped`): it was no longer owed. */
  @Column({ type: 'text', nullable: true }) skipReason: string | null;
  @Column({ type: 'text', nullable: true }) providerMessageId: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) sentAt: Date | null;
}

/** What an email's content is made from: the row as the worker reads it when it sends. */
export type OutboxRow = Pick<OutboxMessage, 'id' | 'kind' | 'recipients' | 'template' | 'refs' | 'status'>;
