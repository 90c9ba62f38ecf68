import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type Changes = Record<string, { before: unknown; after: unknown }>;

/** `Changes` in the OpenAPI document: each changed field with its values (any JSON; null when it had none; secrets as "[secret]"). */
export const CHANGES_SCHEMA = {
  type: 'object' as const,
  description:
    'Each changed field, by name, with its value before and after (any JSON value; null when it had none; a secret as "[secret]").',
  additionalProperties: {
    type: 'object' as const,
    required: ['before', 'after'],
    properties: {
      before: { description: 'The value before (any JSON value, or null).' },
      after: { description: 'The value after (any JSON value, or null).' },
    },
  },
};

/** One change to one entity: who, what, when, from where, the fields before and after. */
@Entity('audit_event')
export class AuditEvent {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ type: 'timestamptz' })
  occurredAt: Date;

  @Column({ type: 'text' })
  actorType: 'user' | 'supplier' | 'system';

  @Column({ type: 'text', nullable: true })
  actorId: string | null;

  @Column({ type: 'text' })
  action: string;

  @Column({ type: 'text' })
  entityType: string;

  @Column({ type: 'text' })
  entityId: string;

  @Column({ type: 'jsonb' })
  changes: Changes;

  @Column({ type: 'text', nullable: true })
  requestId: string | null;

  @Column({ type: 'text', nullable: true })
  ip: string | null;

  @Column({ type: 'text' })
  prevHash: string;

  @Column({ type: 'text' })
  hash: string;
}
