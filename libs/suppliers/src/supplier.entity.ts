import {
  Column,
  CreateDateColumn,
  Entity,
  OneToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import { numericAsNumber } from '@app/platform';
import type { Band, Criticality, CurrentRisk, Rating } from '@app/scoring';
import { SupplierContact } from './supplier-contact.entity.js';

export const SUPPLIER_KINDS = ['supplier', 'university', 'research_partner', 'nhs_body', 'charity', 'other'] as const;
export type SupplierKind = (typeof SUPPLIER_KINDS)[number];
export const SUPPLIER_STATUSES = ['onboarding', 'active', 'offboarded'] as const;
export type SupplierStatus = (typeof SUPPLIER_STATUSES)[number];

/** A supplier or partner of the organisation, with its inherent risk kept up to date. */
@Entity('supplier')
export class Supplier {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  kind: SupplierKind;

  @Column({ type: 'text', nullable: true })
  companiesHouseNumber: string | null;

  @Column({ type: 'text', nullable: true })
  odsCode: string | null;

  @Column({ type: 'text', nullable: true })
  ukprn: string | null;

  @Column({ type: 'text', nullable: true })
  website: string | null;

  @Column({ type: 'text', nullable: true })
  services: string | null;

  @Column({ type: 'text' })
  criticality: Criticality;

  @Column({ type: 'text' })
  status: SupplierStatus;

  @Column({ type: 'uuid', nullable: true })
  ownerId: string | null;

  @Column({ type: 'text', array: true, default: '{}' })
  tags: string[];

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Column({ type: 'smallint' })
  tier: number;

  @Column({ type: 'smallint' })
  impactLevel: number;

  @Column({ type: 'numeric', precision: 16, scale: 0, transformer: numericAsNumber })
  singleLossEstimate: number;

  @Column({ type: 'jsonb' })
  /** The single-loss estimate's inputs, with its total (the explanation's `singleLossEstimate`). */
  riskInputs: CurrentRisk['explanation']['singleLossEstimate'];

  /** Band of the latest completed assessment (null: never assessed, or nothing scorable). */
  @Column({ type: 'text', nullable: true })
  band: Band | null;

  @Column({ type: 'numeric', precision: 6, scale: 4, transformer: numericAsNumber })
  probability: number;

  @Column({ type: 'smallint' })
  likelihoodLevel: number;

  @Column({ type: 'numeric', precision: 16, scale: 0, transformer: numericAsNumber })
  valueAtRisk: number;

  @Column({ type: 'numeric', precision: 16, scale: 0, transformer: numericAsNumber })
  netValueAtRisk: number;

  @Column({ type: 'text' })
  rating: Rating;

  @Column({ type: 'boolean', default: false })
  assessmentExpired: boolean;

  /** Records held by classification through active links (per asset the largest link). */
  @Column({ type: 'jsonb', default: {} })
  recordsShared: Partial<Record<string, number>>;

  /** Every input of the current figures (risk-model section 8). Large: read only for one supplier, never in lists. */
  @Column({ type: 'jsonb', nullable: true, select: false })
  risk: CurrentRisk['explanation'] | null;

  @Column({ type: 'smallint', nullable: true })
  tierOverride: number | null;

  @Column({ type: 'text', nullable: true })
  tierOverrideReason: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  offboardedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @OneToMany(() => SupplierContact, (contact) => contact.supplier)
  contacts: Relation<SupplierContact>[];
}
