import type { User } from '@app/identity';
import { moneyText } from '@app/platform';
import type { SupplyChainReport } from '@app/reports';
import type { Finding } from '@app/risk';
import { dateText, londonDateTime } from './dates.js';
import { countText } from './words.js';

const EXPIRING_KIND: Record<string, string> = { insurance: 'insurance (a transfer decision) expires', acceptance: 'accepted risk is due for review', findingAcceptance: 'accepted finding expires' };

/**
 * The dashboard: first what needs someone's attention (questionnaires to review, overdue ones,
 * findings past due, decisions expiring), then the heat map, totals and the top 10.
 */
export function dashboardView(r: SupplyChainReport, user: User, data: { overdueFindings: Finding[]; titles: Map<string, string> }) {
  const cells = (likelihood: number) => r.heatMap.cells.filter((c) => c.likelihood === likelihood).map((c) => ({ count: c.suppliers, rating: c.rating })) // rated with the settings in force (ratingBounds);
  const title = (key: string) => data.titles.get(key) ?? key;
  const reviews = r.assessments.awaitingReview.map((a) => ({ href: `/console/assessments/${a.assessmentId}`, supplier: a.supplier, what: `${title(a.questionnaireKey)} submitted${a.submittedAt ? ` ${londonDateTime(new Date(a.submittedAt))}` : ''}: review it` }));
  const overdue = r.assessments.overdue.map((a) => ({ href: `/console/assessments/${a.assessmentId}`, supplier: a.supplier, what: `${title(a.questionnaireKey)} ${countText(a.daysOverdue, 'day')} overdue (due ${dateText(a.dueDate)}), escalation level ${a.escalationLevel}` }));
  const findings = data.overdueFindings.map((f) => ({ href: `/console/findings/${f.id}`, supplier: '', what: `${f.severity} finding ${f.questionCode} past its due date (${dateText(f.dueDate)})`, supplierId: f.supplierId }));
  const expiring = r.decisions.expiringWithin90Days.map((e) => ({ href: e.kind === 'findingAcceptance' ? `/console/findings/${e.id}` : `/console/suppliers/${e.supplierId}#decisions`, supplier: e.supplier, what: `${EXPIRING_KIND[e.kind] ?? e.kind} on ${dateText(e.date)}` }));
  const groups = [
    { key: 'reviews', title: 'Questionnaires to review', items: reviews, none: 'No submitted questionnaire is waiting for review.' },
    { key: 'overdue', title: 'Questionnaires overdue', items: overdue, none: 'No questionnaire is overdue.' },
    { key: 'findings', title: 'Findings past their due date', items: findings, none: 'No finding is past its due date.' },
    { key: 'expiring', title: 'Decisions and acceptances expiring within 90 days', items: expiring, none: 'Nothing expires in the next 90 days.' },
  ];
  const waiting = reviews.length + overdue.length + findings.length + expiring.length;
  return {
    assurance: { withoutDspt: r.dataExposure.patientDataWithoutDspt, entryPoints: r.entryPoints.totals },
    attention: { total: countText(waiting, 'item'), groups },
    valueAtRisk: moneyText(r.headline.valueAtRisk),
    netValueAtRisk: moneyText(r.headline.netValueAtRisk),
    suppliers: r.headline.suppliersInScope,
    records: Object.entries(r.headline.recordsShared).filter(([, n]) => n > 0).map(([classification, n]) => ({ classification: classification.replace('_', ' '), records: n.toLocaleString('en-GB') })),
    heat: [5, 4, 3, 2, 1].map((likelihood) => ({ likelihood, cells: cells(likelihood) })),
    top: r.topRisks.map((t) => ({ id: t.supplierId, name: t.name, rating: t.rating, netValueAtRisk: moneyText(t.netValueAtRisk) })),
    canSeeReport: user.role === 'governance' || user.role === 'admin',
  };
}
