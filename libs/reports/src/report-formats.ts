import { Injectable } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { stringify } from 'csv-stringify/sync';
import { TemplateSet } from '@app/platform';
import type { portfolioRiskSection } from './portfolio-risk-section.js';
import { packView } from './pack-view.js';
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
  'supplierId',
  'name',
  'kind',
  'status',
  'criticality',
  'tier',
  'band',
  'likelihoodLevel',
  'impactLevel',
  'singleLossEstimate',
  'valueAtRisk',
  'netValueAtRisk',
  'rating',
  'assessmentExpired',
  'openFindings',
  'decision',
];

/** A text cell a spreadsheet would run as a formula gets a leading apostrophe (OWASP CSV injection). */
export function neutralise(value: unknown): unknown {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** The risk register: one row per supplier with its figures. */
export function registerCsv(rows: RegisterRow[]): string {
  return stringify(
    rows.map((r) => REGISTER_COLUMNS.map((c) => neutralise(r[c] ?? ''))),
    { header: true, columns: REGISTER_COLUMNS as string[] },
  );
}

/** NHS.UK frontend's stylesheet, inlined without its web fonts and images: the page makes no request. */
export function inlineStyles(): string {
  const css = readFileSync(
    createRequire(import.meta.url).resolve('nhsuk-frontend/dist/nhsuk/nhsuk-frontend.min.css'),
    'utf8',
  );
  return css.replace(/@font-face\{[^}]*\}/g, '').replace(/url\([^)]*\)/g, 'none');
}

/**
 * The committee pack as a page: Handlebars (`templates/reports/`), an isolated instance in strict
 * mode, every value escaped; charts are inline SVG built from numbers and escaped labels; the
 * stylesheet is inlined, so the page prints and converts to PDF with no network.
 */
@Injectable()
export class ReportHtml {
  private readonly template = new TemplateSet('reports').template('supply-chain');
  private readonly styles = inlineStyles();

  /**
   * The pack for the committee; `consoleUrl` adds a way back to the console (absent in an email attachment);
   * `portfolio`: the bad-year and what-to-fix-first section (today's figures only; none for a past date).
   */
  render(
    report: SupplyChainReport,
    orgName: string,
    consoleUrl: string | null = null,
    portfolio: ReturnType<typeof portfolioRiskSection> | null = null,
  ): string {
    return this.template({ styles: this.styles, ...packView(report, orgName, consoleUrl), portfolio });
  }
}
