import { ApiProperty } from '@nestjs/swagger';
import {
  CERTIFICATION_KINDS,
  DSPT_STATUSES,
  isCurrent,
  isExpired,
  type Certification,
} from './certification.entity.js';

/** The certificate file kept as evidence of the check. */
export class CertificationFileView {
  fileName: string;
  mediaType: string | null;
  size: number | null;
  sha256: string | null;
}

/** A certification as the API shows it (api.md); the OpenAPI document is generated from this class. */
export class CertificationView {
  id: string;
  supplierId: string;
  @ApiProperty({ enum: CERTIFICATION_KINDS })
  kind: (typeof CERTIFICATION_KINDS)[number];
  reference: string | null;
  /** The DSPT status (DSPT only). */
  @ApiProperty({ enum: DSPT_STATUSES, nullable: true })
  status: (typeof DSPT_STATUSES)[number] | null;
  scope: string | null;
  /** YYYY-MM-DD */
  issuedOn: string | null;
  /** YYYY-MM-DD */
  expiresOn: string | null;
  /** A link or note to what was checked. */
  evidence: string | null;
  evidenceFile: CertificationFileView | null;
  verified: boolean;
  /** The user who verified it against the certifying body's record. */
  verifiedBy: string | null;
  /** YYYY-MM-DD */
  verifiedOn: string | null;
  /** Past its expiry date today. */
  expired: boolean;
  /** Issued and not expired today. */
  current: boolean;
  createdAt: string;
  updatedAt: string;
}

/** The certification as the API shows it: `expired` and `current` computed on the day asked. */
export const toCertificationView = (c: Certification, today: string): CertificationView => ({
  id: c.id,
  supplierId: c.supplierId,
  kind: c.kind,
  reference: c.reference,
  status: c.status,
  scope: c.scope,
  issuedOn: c.issuedOn,
  expiresOn: c.expiresOn,
  evidence: c.evidence,
  evidenceFile: c.evidenceFileName
    ? { fileName: c.evidenceFileName, mediaType: c.evidenceMediaType, size: c.evidenceSize, sha256: c.evidenceSha256 }
    : null,
  verified: c.verifiedBy !== null,
  verifiedBy: c.verifiedBy,
  verifiedOn: c.verifiedOn,
  expired: isExpired(c, today),
  current: isCurrent(c, today),
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
});

/** Whether the supplier receives patient data without a current DSPT of standards met or better. */
export class DsptStandingView {
  receivesPatientData: boolean;
  @ApiProperty({ enum: DSPT_STATUSES, nullable: true })
  currentStatus: (typeof DSPT_STATUSES)[number] | null;
  flagged: boolean;
}

/** One page of a supplier's certifications, with its DSPT standing. */
export class CertificationPageView {
  items: CertificationView[];
  page: number;
  pageSize: number;
  total: number;
  dspt: DsptStandingView;
}

export const certificationSnapshot = (c: Certification) => ({
  supplierId: c.supplierId,
  kind: c.kind,
  reference: c.reference,
  status: c.status,
  scope: c.scope,
  issuedOn: c.issuedOn,
  expiresOn: c.expiresOn,
  evidence: c.evidence,
  evidenceSha256: c.evidenceSha256,
  verifiedBy: c.verifiedBy,
  verifiedOn: c.verifiedOn,
});
