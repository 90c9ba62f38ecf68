import type { DataSharingLink } from '@app/data-sharing';
import type { User } from '@app/identity';
import type { Supplier } from '@app/suppliers';
import { moneyText } from '@app/platform';
import { PAGE_SIZE, type supplierFilters } from './pages.js';
import { optionLabel } from './forms.js';
import { canEditRegister } from './supplier.view.js';

type Filters = ReturnType<typeof supplierFilters>['filters'];

/** The supplier list: its filters as chosen, a page of suppliers, and the links to the pages either side. */
export function supplierListView(
  data: { items: Supplier[]; total: number; page: number; filters: Filters; params: Record<string, string> },
  user: User,
) {
  const { items, total, page, filters, params } = data;
  const last = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const link = (p: number) => `/console/suppliers?${new URLSearchParams({ ...params, page: String(p) })}`;
  const options = (values: readonly string[], chosen: string | undefined, label = optionLabel) =>
    values.map((value) => ({ value, label: label(value), selected: value === chosen }));
  return {
    q: filters.q ?? '',
    total,
    page,
    last,
    kinds: options(['supplier', 'university', 'research_partner', 'nhs_body', 'charity', 'other'], filters.kind),
    statuses: options(['onboarding', 'active', 'offboarded'], filters.status),
    tiers: options(['1', '2', '3', '4'], filters.tier, (v) => `Tier ${v}`),
    bands: options(['A', 'B', 'C', 'D', 'E'], filters.band, (v) => `Band ${v}`),
    ratings: options(['low', 'medium', 'high', 'critical'], filters.rating),
    sorts: [
      ['-netValueAtRisk', 'Net value at risk'],
      ['-rating', 'Rating'],
      ['name', 'Name'],
      ['tier', 'Tier'],
    ].map(([value, label]) => ({ value, label, selected: value === filters.sort })),
    items: items.map((s) => ({
      id: s.id,
      name: s.name,
      kind: optionLabel(s.kind),
      tier: s.tier,
      band: s.band ?? '–',
      rating: s.rating,
      status: optionLabel(s.status),
      netValueAtRisk: moneyText(s.netValueAtRisk),
    })),
    previous: page > 1 ? link(page - 1) : null,
    next: page < last ? link(page + 1) : null,
    exportLink: `/console/suppliers/export?${new URLSearchParams(params)}`,
    canEdit: canEditRegister(user),
  };
}

/** One row of a ledger view. */
export function ledgerRow(l: DataSharingLink, names: Map<string, string>) {
  return {
    supplierId: l.supplierId,
    supplier: names.get(l.supplierId) ?? '',
    purpose: l.purpose,
    records: l.recordCount.toLocaleString('en-GB'),
    reviewDate: l.reviewDate ?? '–',
    endDate: l.endDate ?? '–',
    status: l.status,
  };
}
