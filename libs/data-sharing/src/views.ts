import { linkCounts } from '@app/scoring';
import type { DataAsset, DataSharingLink } from './entities.js';

export const toAssetView = (a: DataAsset) => ({
  id: a.id, name: a.name, description: a.description, classification: a.classification, categories: a.categories,
  recordCount: a.recordCount, systemOfRecord: a.systemOfRecord, ownerId: a.ownerId,
  createdAt: a.createdAt.toISOString(), updatedAt: a.updatedAt.toISOString(),
});

export const toLinkView = (l: DataSharingLink) => ({
  id: l.id, supplierId: l.supplierId, dataAssetId: l.dataAssetId, purpose: l.purpose, direction: l.direction,
  recordCount: l.recordCount, pseudonymisation: l.pseudonymisation, article6Basis: l.article6Basis, article9Condition: l.article9Condition,
  confidentialityBasis: l.confidentialityBasis, agreementType: l.agreementType, agreementRef: l.agreementRef, transferMethod: l.transferMethod,
  processingLocation: l.processingLocation, processingCountry: l.processingCountry, startDate: l.startDate, reviewDate: l.reviewDate,
  endDate: l.endDate, status: l.status, destructionConfirmedOn: l.destructionConfirmedOn, destructionEvidence: l.destructionEvidence,
  heldBySupplier: linkCounts(l), createdAt: l.createdAt.toISOString(), updatedAt: l.updatedAt.toISOString(),
});
