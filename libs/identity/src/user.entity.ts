import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const ROLES = ['admin', 'procurement', 'governance', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** An internal user: procurement, governance, admin or read-only viewer. */
@Entity('app_user')
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'citext', unique: true })
  email: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  role: Role;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ type: 'text', select: false })
  passwordHash: string;

  /** Raised by a password reset: bearer tokens issued under an older version stop working. */
  @Column({ type: 'integer', default: 0 })
  credentialsVersion: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** The audited snapshot of a user. */
export function userSnapshot(user: User): Record<string, unknown> {
  return { email: user.email, name: user.name, role: user.role, active: user.active };
}
