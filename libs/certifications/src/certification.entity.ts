import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { dateAsString } from '@app/platform';

export const CERTIFICATION_KINDS = [
  'cyber_essentials',
  'cyber_essentials_plus',
  'iso27001',
  'dspt',
  'soc2_type2',
  'other',
] as const;
/** The Data Security and Protection Toolkit's published statuses, best first. */
export const DSPT_STATUSES = [
  'standards_exceeded',
  'standards_met',
  'approaching_standards',
  'standards_not_met',
  'not_published',
] as const;
/** A DSPT status that is good enough for a supplier receiving patient data ("standards met" or better). */
export const DSPT_SUFFICIENT: readonly DsptStatus[] = ['standards_exceeded', 'standards_met'];
/** Asset categories that make a data asset patient data. */
export const PATIENT_DATA_CATEGORIES = ['nhs_number', 'clinical', 'genetic'] as const;
/** Procurement hears of an expiry this many days ahead, and again on the day. */
export const CERTIFICATION_NOTICE_DAYS = 30;

export type CertificationKind = (typeof CERTIFICATION_KINDS)[number];
/** How people name each kind, on pages, emails and the pack. */
export const CERTIFICATION_LABELS: Record<CertificationKind, string> = {
  cyber_essentials: 'Cyber Essentials',
  cyber_essentials_plus: 'Cyber Essentials Plus',
  iso27001: 'ISO/IEC 27001',
  dspt: 'DSPT',
  soc2_type2: 'SOC 2 Type II',
  other: 'Other certification',
};
export type DsptStatus = (typeof DSPT_STATUSES)[number];

/** What a supplier has proven, not said: a certificate or the DSPT, with its dates and who checked it. */
@Entity('certification')
export class Certification {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) supplierId: string;
  @Column({ type: 'text' }) kind: CertificationKind;
  @Column({ type: 'text', nullable: true }) reference: string | null;
  /** DSPT only. */
  @Column({ type: 'text', nullable: true }) status: DsptStatus | null;
  @Column({ type: 'text', nullable: true }) scope: string | null;
  @Column({ type: 'date', nullable: true, transformer: dateAsString }) issuedOn: string | null;
  @Column({ type: 'date', nullable: true, transformer: dateAsString }) expiresOn: string | null;
  /** Where the certificate checked can be found (a document reference or address). */
  @Column({ type: 'text', nullable: true }) evidence: string | null;
  /** The certificate checked, as a file (recognised by content); its bytes are read only to download it. */
  @Column({ type: 'bytea', nullable: true, select: false }) evidenceFile: Buffer | null;
  @Column({ type: 'text', nullable: true }) evidenceFileName: string | null;
  @Column({ type: 'text', nullable: true }) evidenceMediaType: string | null;
  @Column({ type: 'int', nullable: true }) evidenceSize: number | null;
  @Column({ type: 'text', nullable: true }) evidenceSha256: string | null;
  @Column({ type: 'uuid', nullable: true }) verifiedBy: string | null;
  @Column({ type: 'date', nullable: true, transformer: dateAsString }) verifiedOn: string | null;
  @Column({ type: 'uuid', nullable: true }) createdBy: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

/** Expired once its expiry date has passed (it still holds on the day itself). */
export const isExpired = (c: Pick<Certification, 'expiresOn'>, today: string) =>
  c.expiresOn !== null && c.expiresOn < today;
/** Current: issued, not expired. */
export const isCurrent = (c: Pick<Certification, 'issuedOn' | 'expiresOn'>, today: string) =>
  !isExpired(c, today) && (c.issuedOn === null || c.issuedOn <= today);
