import type { Band, Criticality, Rating } from '@app/scoring';
import type { RiskExplanationView, SingleLossEstimateView } from './risk-explanation.view.js';
import type { ContactRole, SupplierContact } from './supplier-contact.entity.js';
import type { Supplier, SupplierKind, SupplierStatus } from './supplier.entity.js';

/**
 * The response shapes below are classes so that the OpenAPI document describes them from these very
 * declarations (the @nestjs/swagger plugin reads their types); the view functions are typed with them,
 * so a field added to a view and not here is a type error.
 */
export class ContactView {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  role: ContactRole;
}

/** Governance's override of the computed tier (risk-model section 6). */
export class TierOverrideView {
  tier: number;
  reason: string | null;
}

/** A supplier as the API shows it (field names as the API guide and the OpenAPI document give them). */
export class SupplierView {
  id: string;
  name: string;
  kind: SupplierKind;
  companiesHouseNumber: string | null;
  odsCode: string | null;
  ukprn: string | null;
  website: string | null;
  services: string | null;
  criticality: Criticality;
  status: SupplierStatus;
  ownerId: string | null;
  tags: string[];
  notes: string | null;
  contacts: ContactView[];
  /** Inherent tier, 1 (highest) to 4; computed. */
  tier: number;
  tierOverride: TierOverrideView | null;
  /** Impact level 1 to 5; computed. */
  impactLevel: number;
  /** Single-loss estimate in whole pounds; computed. */
  singleLossEstimate: number;
  /** The inputs that made the tier, impact level and single-loss estimate. */
  inherentRisk: SingleLossEstimateView;
  /** Band of the latest completed assessment (null: never assessed). */
  band: Band | null;
  rating: Rating;
  /** Annual value at risk in whole pounds. */
  valueAtRisk: number;
  /** Value at risk after a current transfer decision's insurance, in whole pounds. */
  netValueAtRisk: number;
  assessmentExpired: boolean;
  offboardedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** `GET /api/v1/suppliers/:id/risk`: the current figures with their inputs (risk-model.md). */
export class SupplierRiskView {
  supplierId: string;
  tier: number;
  band: Band | null;
  /** Annual probability of a loss event, 0 to 1. */
  probability: number;
  likelihoodLevel: number;
  singleLossEstimate: number;
  impactLevel: number;
  valueAtRisk: number;
  netValueAtRisk: number;
  rating: Rating;
  assessmentExpired: boolean;
  /** Every input of the figures, and the sentence that explains them. */
  explanation: RiskExplanationView | null;
}

export function toSupplierView(supplier: Supplier): SupplierView {
  return {
    id: supplier.id,
    name: supplier.name,
    kind: supplier.kind,
    companiesHouseNumber: supplier.companiesHouseNumber,
    odsCode: supplier.odsCode,
    ukprn: supplier.ukprn,
    website: supplier.website,
    services: supplier.services,
    criticality: supplier.criticality,
    status: supplier.status,
    ownerId: supplier.ownerId,
    tags: supplier.tags,
    notes: supplier.notes,
    contacts: (supplier.contacts ?? []).sort((a, b) => a.position - b.position).map(toContactView),
    tier: supplier.tier,
    tierOverride:
      supplier.tierOverride === null ? null : { tier: supplier.tierOverride, reason: supplier.tierOverrideReason },
    impactLevel: supplier.impactLevel,
    singleLossEstimate: supplier.singleLossEstimate,
    inherentRisk: supplier.riskInputs,
    band: supplier.band,
    rating: supplier.rating,
    valueAtRisk: supplier.valueAtRisk,
    netValueAtRisk: supplier.netValueAtRisk,
    assessmentExpired: supplier.assessmentExpired,
    offboardedAt: supplier.offboardedAt?.toISOString() ?? null,
    createdAt: supplier.createdAt.toISOString(),
    updatedAt: supplier.updatedAt.toISOString(),
  };
}

/** `GET /api/v1/suppliers/:id/risk` (api.md: tier, band, probability, likelihoodLevel, ... explanation). */
export function toRiskView(supplier: Supplier): SupplierRiskView {
  return {
    supplierId: supplier.id,
    tier: supplier.tier,
    band: supplier.band,
    probability: supplier.probability,
    likelihoodLevel: supplier.likelihoodLevel,
    singleLossEstimate: supplier.singleLossEstimate,
    impactLevel: supplier.impactLevel,
    valueAtRisk: supplier.valueAtRisk,
    netValueAtRisk: supplier.netValueAtRisk,
    rating: supplier.rating,
    assessmentExpired: supplier.assessmentExpired,
    explanation: supplier.risk,
  };
}

export function toContactView(contact: SupplierContact): ContactView {
  return { id: contact.id, name: contact.name, email: contact.email, phone: contact.phone, role: contact.role };
}

/** The audited snapshot: the supplier's own fields and its contacts, no computed figures. */
export function supplierSnapshot(supplier: Supplier, contacts: SupplierContact[] = supplier.contacts ?? []) {
  return {
    name: supplier.name,
    kind: supplier.kind,
    companiesHouseNumber: supplier.companiesHouseNumber,
    odsCode: supplier.odsCode,
    ukprn: supplier.ukprn,
    website: supplier.website,
    services: supplier.services,
    criticality: supplier.criticality,
    status: supplier.status,
    ownerId: supplier.ownerId,
    tags: supplier.tags,
    notes: supplier.notes,
    contacts: [...contacts]
      .sort((a, b) => a.position - b.position)
      .map((c) => ({ name: c.name, email: c.email, phone: c.phone, role: c.role })),
  };
}
