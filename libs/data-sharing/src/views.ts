import { ApiProperty } from '@nestjs/swagger';
import { linkCounts, type Classification } from '@app/scoring';
import {
  AGREEMENT_TYPES,
  ARTICLE6_BASES,
  ARTICLE9_CONDITIONS,
  CONFIDENTIALITY_BASES,
  DATA_CATEGORIES,
  TRANSFER_METHODS,
  type DataSharingLink,
  type DIRECTIONS,
  type LINK_STATUSES,
  type PROCESSING_LOCATIONS,
  type PSEUDONYMISATION,
} from './data-sharing-link.entity.js';
import type { DataAsset } from './data-asset.entity.js';

// Response shapes as classes: the OpenAPI document is generated from them, and the view functions
// are typed with them. Columns stored as text carry their enumeration explicitly.

/** What we hold and its classification. */
export class DataAssetView {
  id: string;
  name: string;
  description: string | null;
  classification: Classification;
  @ApiProperty({ enum: DATA_CATEGORIES, isArray: true })
  categories: string[];
  recordCount: number;
  systemOfRecord: string | null;
  ownerId: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Which asset flows to which supplier, how many records, under which agreement, until when. */
export class DataSharingLinkView {
  id: string;
  supplierId: string;
  dataAssetId: string;
  purpose: string;
  direction: (typeof DIRECTIONS)[number];
  recordCount: number;
  pseudonymisation: (typeof PSEUDONYMISATION)[number];
  @ApiProperty({ enum: ARTICLE6_BASES, nullable: true })
  article6Basis: string | null;
  @ApiProperty({ enum: ARTICLE9_CONDITIONS, nullable: true })
  article9Condition: string | null;
  @ApiProperty({ enum: CONFIDENTIALITY_BASES, nullable: true })
  confidentialityBasis: string | null;
  @ApiProperty({ enum: AGREEMENT_TYPES, nullable: true })
  agreementType: string | null;
  agreementRef: string | null;
  @ApiProperty({ enum: TRANSFER_METHODS, nullable: true })
  transferMethod: string | null;
  processingLocation: (typeof PROCESSING_LOCATIONS)[number];
  processingCountry: string | null;
  /** YYYY-MM-DD */
  startDate: string | null;
  /** YYYY-MM-DD */
  reviewDate: string | null;
  /** YYYY-MM-DD */
  endDate: string | null;
  status: (typeof LINK_STATUSES)[number];
  /** YYYY-MM-DD: when the supplier's destruction of the records was confirmed (an ended link counts as held until then) */
  destructionConfirmedOn: string | null;
  /** The destruction certificate's reference */
  destructionEvidence: string | null;
  /** Whether the supplier still holds these records for the risk model (outbound or both; active, suspended, or ended without confirmed destruction) */
  heldBySupplier: boolean;
  createdAt: string;
  updatedAt: string;
}

export const toAssetView = (a: DataAsset): DataAssetView => ({
  id: a.id,
  name: a.name,
  description: a.description,
  classification: a.classification,
  categories: a.categories,
  recordCount: a.recordCount,
  systemOfRecord: a.systemOfRecord,
  ownerId: a.ownerId,
  createdAt: a.createdAt.toISOString(),
  updatedAt: a.updatedAt.toISOString(),
});

export const toLinkView = (l: DataSharingLink): DataSharingLinkView => ({
  id: l.id,
  supplierId: l.supplierId,
  dataAssetId: l.dataAssetId,
  purpose: l.purpose,
  direction: l.direction,
  recordCount: l.recordCount,
  pseudonymisation: l.pseudonymisation,
  article6Basis: l.article6Basis,
  article9Condition: l.article9Condition,
  confidentialityBasis: l.confidentialityBasis,
  agreementType: l.agreementType,
  agreementRef: l.agreementRef,
  transferMethod: l.transferMethod,
  processingLocation: l.processingLocation,
  processingCountry: l.processingCountry,
  startDate: l.startDate,
  reviewDate: l.reviewDate,
  endDate: l.endDate,
  status: l.status,
  destructionConfirmedOn: l.destructionConfirmedOn,
  destructionEvidence: l.destructionEvidence,
  heldBySupplier: linkCounts(l),
  createdAt: l.createdAt.toISOString(),
  updatedAt: l.updatedAt.toISOString(),
});

/** Records shared with one supplier at one classification, through active links. */
export class RecordsSharedRow {
  supplierId: string;
  supplierName: string;
  classification: string;
  assets: number;
  records: number;
}

/** A supplier holding personal or special-category data without a current completed assessment. */
export class UnassessedHolderRow {
  supplierId: string;
  supplierName: string;
  tier: number;
  classifications: string[];
  records: number;
}
