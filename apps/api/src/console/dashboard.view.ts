import type { SupplyChainReport } from '@app/reports';
import { pounds } from './pages.js';

/** The dashboard: the heat map, totals, overdue questionnaires, top 10 and what is expiring. */
export function dashboardView(r: SupplyChainReport) {
  const cells = (likelihood: number) => r.heatMap.cells.filter((c) => c.likelihood === likelihood).map((c) => ({ count: c.suppliers, rating: c.rating })) // rated with the settings in force (ratingBounds);
  return {
    assurance: { withoutDspt: r.dataExposure.patientDataWithoutDspt, entryPoints: r.entryPoints.totals },
    valueAtRisk: pounds(r.headline.valueAtRisk),
    netValueAtRisk: pounds(r.headline.netValueAtRisk),
    suppliers: r.headline.suppliersInScope,
    records: Object.entries(r.headline.recordsShared).filter(([, n]) => n > 0).map(([classification, n]) => ({ classification: classification.replace('_', ' '), records: n.toLocaleString('en-GB') })),
    heat: [5, 4, 3, 2, 1].map((likelihood) => ({ likelihood, cells: cells(likelihood) })),
    top: r.topRisks.map((t) => ({ id: t.supplierId, name: t.name, rating: t.rating, netValueAtRisk: pounds(t.netValueAtRisk) })),
    overdue: r.assessments.overdue.map((a) => ({ supplierId: a.supplierId, supplier: a.supplier, daysOverdue: a.daysOverdue, level: a.escalationLevel })),
    expiring: r.decisions.expiringWithin90Days.map((e) => ({ supplierId: e.supplierId, supplier: e.supplier, kind: e.kind, date: e.date })),
  };
}
