import type { SupplierContact } from './supplier-contact.entity.js';
import type { Supplier } from './supplier.entity.js';

/** A supplier as the API shows it (field names from shared/spec/api.md). */
export function toSupplierView(supplier: Supplier) {
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
    tierOverride: supplier.tierOverride === null ? null : { tier: supplier.tierOverride, reason: supplier.tierOverrideReason },
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

export type SupplierView = ReturnType<typeof toSupplierView>;

/** `GET /api/v1/suppliers/:id/risk` (api.md: tier, band, probability, likelihoodLevel, ... explanation). */
export function toRiskView(supplier: Supplier) {
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

export function toContactView(contact: SupplierContact) {
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
    contacts: [...contacts].sort((a, b) => a.position - b.position).map((c) => ({ name: c.name, email: c.email, phone: c.phone, role: c.role })),
  };
}
