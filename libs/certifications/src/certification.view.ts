import { isCurrent, isExpired, type Certification } from './certification.entity.js';

/** The certification as the API shows it: `expired` and `current` computed on the day asked. */
export const toCertificationView = (c: Certification, today: string) => ({
  id: c.id, supplierId: c.supplierId, kind: c.kind, reference: c.reference, status: c.status, scope: c.scope, issuedOn: c.issuedOn, expiresOn: c.expiresOn,
  evidence: c.evidence,
  evidenceFile: c.evidenceFileName ? { fileName: c.evidenceFileName, mediaType: c.evidenceMediaType, size: c.evidenceSize, sha256: c.evidenceSha256 } : null,
  verified: c.verifiedBy !== null, verifiedBy: c.verifiedBy, verifiedOn: c.verifiedOn,
  expired: isExpired(c, today), current: isCurrent(c, today),
  createdAt: c.createdAt.toISOString(), updatedAt: c.updatedAt.toISOString(),
});

export type CertificationView = ReturnType<typeof toCertificationView>;

export const certificationSnapshot = (c: Certification) => ({
  supplierId: c.supplierId, kind: c.kind, reference: c.reference, status: c.status, scope: c.scope, issuedOn: c.issuedOn, expiresOn: c.expiresOn,
  evidence: c.evidence, evidenceSha256: c.evidenceSha256, verifiedBy: c.verifiedBy, verifiedOn: c.verifiedOn,
});
