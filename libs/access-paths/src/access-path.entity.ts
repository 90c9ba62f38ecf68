import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { dateAsString } from '@app/platform';

export const ACCESS_PATH_KINDS = [
  'remote_support',
  'vpn',
  'site_to_site',
  'api_integration',
  'privileged_account',
  'managed_device',
  'cloud_admin',
  'other',
] as const;
export const ACCESS_PATH_MFA = ['enforced', 'partial', 'none', 'not_applicable'] as const;
export const ACCESS_PATH_STATUSES = ['active', 'disabled', 'removed'] as const;
export type AccessPathKind = (typeof ACCESS_PATH_KINDS)[number];
export type AccessPathMfa = (typeof ACCESS_PATH_MFA)[number];
export type AccessPathStatus = (typeof ACCESS_PATH_STATUSES)[number];

/** A path not reviewed for this many months owes its owner a review notice. */
export const ACCESS_PATH_REVIEW_MONTHS = 12;

/**
 * An entry point: one concrete way the supplier reaches into our systems (a remote-support tool, a
 * VPN, an integration account, devices it manages on our network), what it reaches, and how it is
 * protected (api.md, access paths; risk-model.md section 3).
 */
@Entity('access_path')
export class AccessPath {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) supplierId: string;
  @Column({ type: 'text' }) kind: AccessPathKind;
  @Column({ type: 'text' }) description: string;
  @Column({ type: 'text', array: true, default: '{}' }) systems: string[];
  @Column({ type: 'uuid', array: true, default: '{}' }) dataAssetIds: string[];
  @Column({ type: 'text' }) mfa: AccessPathMfa;
  @Column({ type: 'boolean' }) monitored: boolean;
  @Column({ type: 'int', nullable: true }) deviceCount: number | null;
  @Column({ type: 'int', nullable: true }) unsupportedDeviceCount: number | null;
  @Column({ type: 'date', nullable: true, transformer: dateAsString }) lastReviewedOn: string | null;
  @Column({ type: 'text' }) status: AccessPathStatus;
  /** The incident whose "suspend links" disabled it, if any. */
  @Column({ type: 'uuid', nullable: true }) disabledByIncident: string | null;
  /** Disabled when its supplier was offboarded (reactivating the supplier leaves it disabled). */
  @Column({ type: 'boolean', default: false }) disabledByOffboarding: boolean;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
