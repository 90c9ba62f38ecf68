import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { dateAsString, numericAsNumber } from '@app/platform';

export const DATA_CATEGORIES = [
  'nhs_number',
  'demographics',
  'contact_details',
  'clinical',
  'genetic',
  'free_text',
  'other',
] as const;
export const DIRECTIONS = ['outbound', 'inbound', 'both'] as const;
export const PSEUDONYMISATION = ['identifiable', 'pseudonymised', 'anonymised'] as const;
export const ARTICLE6_BASES = [
  'consent',
  'contract',
  'legal_obligation',
  'vital_interests',
  'public_task',
  'legitimate_interests',
] as const;
export const ARTICLE9_CONDITIONS = [
  'explicit_consent',
  'employment',
  'vital_interests',
  'not_for_profit',
  'made_public',
  'legal_claims',
  'substantial_public_interest',
  'health_care',
  'public_health',
  'research',
] as const;
export const CONFIDENTIALITY_BASES = ['consent', 'direct_care', 's251_support', 'statutory', 'not_applicable'] as const;
export const AGREEMENT_TYPES = ['DSA', 'DPA', 'contract'] as const;
export const TRANSFER_METHODS = ['sftp', 'api', 'portal', 'email', 'physical_media', 'remote_access', 'other'] as const;
export const PROCESSING_LOCATIONS = ['uk', 'eea', 'adequacy', 'other'] as const;
export const LINK_STATUSES = ['proposed', 'active', 'suspended', 'ended'] as const;

/** Which asset flows to which supplier, how many records, under which agreement, until when. */
@Entity('data_sharing_link')
export class DataSharingLink {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) supplierId: string;
  @Column({ type: 'uuid' }) dataAssetId: string;
  @Column({ type: 'text' }) purpose: string;
  @Column({ type: 'text' }) direction: (typeof DIRECTIONS)[number];
  @Column({ type: 'bigint', transformer: numericAsNumber }) recordCount: number;
  @Column({ type: 'text' }) pseudonymisation: (typeof PSEUDONYMISATION)[number];
  @Column({ type: 'text', nullable: true, name: 'article6_basis' }) article6Basis: string | null;
  @Column({ type: 'text', nullable: true, name: 'article9_condition' }) article9Condition: string | null;
  @Column({ type: 'text', nullable: true }) confidentialityBasis: string | null;
  @Column({ type: 'text', nullable: true }) agreementType: string | null;
  @Column({ type: 'text', nullable: true }) agreementRef: string | null;
  @Column({ type: 'text', nullable: true }) transferMethod: string | null;
  @Column({ type: 'text' }) processingLocation: (typeof PROCESSING_LOCATIONS)[number];
  @Column({ type: 'text', nullable: true }) processingCountry: string | null;
  @Column({ type: 'date', nullable: true, transformer: dateAsString }) startDate: string | null;
  @Column({ type: 'date', nullable: true, transformer: dateAsString }) reviewDate: string | null;
  @Column({ type: 'date', nullable: true, transformer: dateAsString }) endDate: string | null;
  @Column({ type: 'text' }) status: (typeof LINK_STATUSES)[number];
  /** When the supplier's destruction of the records was confirmed (an ended link counts as held until then). */
  @Column({ type: 'date', nullable: true, transformer: dateAsString }) destructionConfirmedOn: string | null;
  /** What confirms it: a certificate reference. */
  @Column({ type: 'text', nullable: true }) destructionEvidence: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
