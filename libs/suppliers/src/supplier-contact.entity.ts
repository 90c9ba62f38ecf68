import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import type { Supplier } from './supplier.entity.js';

export const CONTACT_ROLES = ['primary', 'security', 'escalation', 'dpo'] as const;
export type ContactRole = (typeof CONTACT_ROLES)[number];

@Entity('supplier_contact')
export class SupplierContact {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  supplierId: string;

  @ManyToOne('Supplier', 'contacts')
  @JoinColumn({ name: 'supplier_id' })
  supplier: Relation<Supplier>;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'citext' })
  email: string;

  @Column({ type: 'text', nullable: true })
  phone: string | null;

  @Column({ type: 'text' })
  role: ContactRole;

  @Column({ type: 'smallint', default: 0 })
  position: number;
}
