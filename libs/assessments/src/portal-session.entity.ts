import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

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
