import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { stringify } from 'csv-stringify/sync';
import { TemplateSet } from '@app/platform';
import type { portfolioRiskSection } from './portfolio-risk-section.js';
import type { SupplyChainReport } from './supply-chain-report.js';

export interface RegisterRow {
  supplierId: string;
  name: string;
  kind: string;
  status: string;
  criticality: string;
  tier: number;
  band: string | null;
  likelihoodLevel: number;
  impactLevel: number;
  singleLossEstimate: number;
  valueAtRisk: number;
  netValueAtRisk: number;
  rating: string;
  assessmentExpired: boolean;
  openFindings: number;
  decision: string | null;
}

export const REGISTER_COLUMNS: (keyof RegisterRow)[] = [
  'supplierId', 'name', 'kind', 'status', 'criticality', 'tier', 'band', 'likelihoodLevel', 'impactLevel',
  'singleLossEstimate', 'valueAtRisk', 'netValueAtRisk', 'rating', 'assessmentExpired', 'openFindings', 'decision',
];

/** A text cell a spreadsheet would run as a formula gets a leading apostrophe (OWASP CSV injection). */
export function neutralise(value: unknown): unknown {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** The risk register: one row per supplier with its figures. */
export function registerCsv(rows: RegisterRow[]): string {
  return stringify(rows.map((r) => REGISTER_COLUMNS.map((c) => neutralise(r[c] ?? ''))), { header: true, columns: REGISTER_COLUMNS as string[] });
}

const pounds = (n: number) => `£${Math.round(n).toLocaleString('en-GB')}`;
const short = (n: number) => (n >= 1e6 ? `£${(n / 1e6).toFixed(1)}M` : n >= 1e3 ? `£${Math.round(n / 1e3)}k` : pounds(n));

/** NHS.UK frontend's stylesheet, inlined without its web fonts and images: the page makes no request. */
export function inlineStyles(): string {
  const css = readFileSync(createRequire(import.meta.url).resolve('nhsuk-frontend/dist/nhsuk/nhsuk-frontend.min.css'), 'utf8');
  return css.replace(/@font-face\{[^}]*\}/g, '').replace(/url\([^)]*\)/g, 'none');
}

/**
 * The committee pack as a page: Handlebars (`templates/reports/`), an isolated instance in strict
 * mode, every value escaped; charts are inline SVG built from numbers and escaped labels; the
 * stylesheet is inlined, so the page prints and converts to PDF with no network.
 */
export class ReportHtml {
  private readonly template = new TemplateSet('reports').template('supply-chain');
  private readonly styles = inlineStyles();

  /** `portfolio`: the bad-year and what-to-fix-first section (today's figures only; none for a past date). */
  render(report: SupplyChainReport, orgName: string, portfolio: ReturnType<typeof portfolioRiskSection> | null = null): string {
    const h = report.headline;
    const maxBar = Math.max(1, ...report.topRisks.map((t) => t.valueAtRisk));
    const trend = report.trends;
    const maxTrend = Math.max(1, ...trend.map((t) => t.valueAtRisk));
    const trendPoints = (key: 'valueAtRisk' | 'netValueAtRisk') =>
      trend.map((t, i) => `${40 + (trend.length === 1 ? 0 : (i * 520) / (trend.length - 1))},${170 - (t[key] / maxTrend) * 150}`).join(' ');
    return this.template({
      styles: this.styles,
      org: orgName,
      portfolio,
      asOf: report.asOf,
      basis: report.basis.snapshot ? `the snapshot of ${report.basis.takenOn}` : 'today’s figures',
      generatedAt: report.generatedAt,
      headline: {
        suppliers: h.suppliersInScope.toLocaleString('en-GB'),
        tiers: [1, 2, 3, 4].map((t) => ({ tier: t, count: h.byTier[String(t) as '1'] })),
        kinds: Object.entries(h.byKind).map(([kind, count]) => ({ kind: kind.replace('_', ' '), count })),
        valueAtRisk: pounds(h.valueAtRisk),
        netValueAtRisk: pounds(h.netValueAtRisk),
        records: Object.entries(h.recordsShared).filter(([, n]) => n > 0).map(([classification, n]) => ({ classification: classification.replace('_', ' '), records: n.toLocaleString('en-GB') })),
        tier12: h.tier12.share === null ? 'no Tier 1-2 suppliers' : `${Math.round(h.tier12.share * 100)}% (${h.tier12.withCurrentAssessment} of ${h.tier12.suppliers})`,
        escalated: h.escalatedToGovernance,
      },
      heat: report.heatMap.cells.map((c) => ({
        // The cell's colour comes with the report: its rating under the configured bounds (risk-model section 5).
        x: 60 + (c.impact - 1) * 80, y: 10 + (5 - c.likelihood) * 60, fill: c.colour,
        tx: 60 + (c.impact - 1) * 80 + 40, ty: 10 + (5 - c.likelihood) * 60 + 36, count: c.suppliers, text: c.rating === 'high' || c.rating === 'critical' ? '#ffffff' : '#212b32',
      })),
      heatAxis: [1, 2, 3, 4, 5].map((n) => ({ n, x: 60 + (n - 1) * 80 + 40, y: 10 + (5 - n) * 60 + 36 })),
      ratings: Object.entries(report.heatMap.ratings).map(([rating, count]) => ({ rating, count, fill: report.heatMap.colours[rating as keyof typeof report.heatMap.colours] })),
      bars: report.topRisks.map((t, i) => ({ y: 10 + i * 30, width: Math.max(2, (t.valueAtRisk / maxBar) * 360), netWidth: Math.max(2, (t.netValueAtRisk / maxBar) * 360), ty: 10 + i * 30 + 17, label: short(t.netValueAtRisk), lx: 220 + Math.max(2, (t.valueAtRisk / maxBar) * 360) + 6, name: t.name })),
      barsHeight: 20 + report.topRisks.length * 30,
      top: report.topRisks.map((t, i) => ({
        rank: i + 1, name: t.name, tier: t.tier, rating: t.rating, netValueAtRisk: pounds(t.netValueAtRisk), valueAtRisk: pounds(t.valueAtRisk), band: t.drivers.band ?? 'not assessed',
        criticality: t.drivers.criticality, records: t.drivers.records.map((r) => `${r.records.toLocaleString('en-GB')} ${r.classification.replace('_', '-')}`).join(', ') || 'none',
        failures: t.drivers.criticalFailures.join(', ') || 'none', openFindings: t.drivers.openFindings, decision: t.drivers.decision?.decision ?? 'none',
      })),
      exposure: {
        rated: Object.entries(report.dataExposure.heldByHighOrCritical).filter(([, n]) => n > 0).map(([c, n]) => ({ classification: c.replace('_', ' '), records: n.toLocaleString('en-GB') })),
        research: Object.entries(report.dataExposure.heldByUniversitiesAndResearchPartners).filter(([, n]) => n > 0).map(([c, n]) => ({ classification: c.replace('_', ' '), records: n.toLocaleString('en-GB') })),
        noAgreement: report.dataExposure.linksWithoutAgreement,
        pastReview: report.dataExposure.linksPastReview,
        pastEnd: report.dataExposure.linksPastEnd,
        totals: report.dataExposure.linkTotals,
        withoutDspt: report.dataExposure.patientDataWithoutDspt.map((g) => ({ ...g, status: g.currentStatus ? g.currentStatus.replace(/_/g, ' ') : g.lastExpiredOn ? `expired ${g.lastExpiredOn}` : 'none recorded' })),
      },
      entryPoints: report.entryPoints,
      assessments: report.assessments,
      findings: {
        severities: Object.entries(report.findings.openBySeverity).map(([severity, f]) => ({ severity, ...f })),
        overdue: report.findings.overdueRemediation,
        frameworks: report.findings.byFramework.slice(0, 15),
      },
      decisions: {
        current: Object.entries(report.decisions.currentByType).map(([decision, count]) => ({ decision, count })),
        expiring: report.decisions.expiringWithin90Days,
        log: report.decisions.log,
        since: report.decisions.logSince,
      },
      incidents: report.incidents.items.map((i) => ({ ...i, recordsExposed: i.recordsExposed.toLocaleString('en-GB'), detectedAt: i.detectedAt.slice(0, 10), followUp: i.followUp ?? 'none' })),
      openIncidents: report.incidents.open,
      changes: report.changes ? { ...report.changes, netChange: `${report.changes.netValueAtRiskChange >= 0 ? '+' : '-'}${pounds(Math.abs(report.changes.netValueAtRiskChange))}` } : null,
      trend: trend.length ? { points: trendPoints('valueAtRisk'), netPoints: trendPoints('netValueAtRisk'), first: trend[0].period, last: trend.at(-1)!.period, max: short(maxTrend) } : null,
    });
  }
}
