export { ReportsModule } from './reports.module.js';
export { Snapshots, type SnapshotRef } from './snapshots.js';
export { SupplyChainReports, type SupplyChainReport } from './supply-chain-report.js';
export { ReportHtml, inlineStyles, registerCsv, neutralise, type RegisterRow } from './report-formats.js';
export { PdfRenderer } from './pdf.js';
export { ReportRollups } from './rollups.js';
export {
  portfolioRiskSection,
  pathSentence,
  type LossFigures,
  type FixAction,
  type FixPath,
} from './portfolio-risk-section.js';
