import type { User } from '@app/identity';
import { moneyText } from '@app/platform';
import type { SupplyChainReport } from '@app/reports';
import type { Finding } from '@app/risk';
import { dateText, londonDateTime } from './dates.js';
import { countText } from './words.js';

/**
 * Suppliers listed by name under "Patient data without a current DSPT": the dashboard names the
 * first of them and counts the rest (the committee pack and the supplier pages list them all). A
 * register of 10,000 suppliers may have thousands: listed in full, they made the page 1.6 MB and
 * its rendering grow with the register.
 */
export const DASHBOARD_DSPT_LIMIT = 20;
/** Items listed per group under "Needs your attention". */
export const ATTENTION_LIMIT = 50;

/** "1,234" beyond the first `shown` of `n`, or '' when all are shown. */
const moreText = (n: number, shown: number) => (n > shown ? (n - shown).toLocaleString('en-GB') : '');

const EXPIRING_KIND: Record<string, string> = {
  insurance: 'insurance (a transfer decision) expires',
  acceptance: 'accepted risk is due for review',
  findingAcceptance: 'accepted finding expires',
};

/**
 * The dashboard: first what needs someone's attention (questionnaires to review, overdue ones,
 * findings past due, decisions expiring), then the heat map, totals and the top 10.
 */
export function dashboardView(
  r: SupplyChainReport,
  user: User,
  data: { overdueFindings: Finding[]; titles: Map<string, string> },
) {
  const cells = (likelihood: number) =>
    r.heatMap.cells.filter((c) => c.likelihood === likelihood).map((c) => ({ count: c.suppliers, rating: c.rating })); // rated with the settings in force (ratingBounds);
  const title = (key: string) => data.titles.get(key) ?? key;
  const reviews = r.assessments.awaitingReview.map((a) => ({
    href: `/console/assessments/${a.assessmentId}`,
    supplier: a.supplier,
    what: `${title(a.questionnaireKey)} submitted${a.submittedAt ? ` ${londonDateTime(new Date(a.submittedAt))}` : ''}: review it`,
  }));
  const overdue = r.assessments.overdue.map((a) => ({
    href: `/console/assessments/${a.assessmentId}`,
    supplier: a.supplier,
    what: `${title(a.questionnaireKey)} ${countText(a.daysOverdue, 'day')} overdue (due ${dateText(a.dueDate)}), escalation level ${a.escalationLevel}`,
  }));
  const findings = data.overdueFindings.map((f) => ({
    href: `/console/findings/${f.id}`,
    supplier: '',
    what: `${f.severity} finding ${f.questionCode} past its due date (${dateText(f.dueDate)})`,
    supplierId: f.supplierId,
  }));
  const expiring = r.decisions.expiringWithin90Days.map((e) => ({
    href: e.kind === 'findingAcceptance' ? `/console/findings/${e.id}` : `/console/suppliers/${e.supplierId}#decisions`,
    supplier: e.supplier,
    what: `${EXPIRING_KIND[e.kind] ?? e.kind} on ${dateText(e.date)}`,
  }));
  const groups = [
    {
      key: 'reviews',
      title: 'Questionnaires to review',
      items: reviews,
      none: 'No submitted questionnaire is waiting for review.',
    },
    { key: 'overdue', title: 'Questionnaires overdue', items: overdue, none: 'No questionnaire is overdue.' },
    {
      key: 'findings',
      title: 'Findings past their due date',
      items: findings,
      none: 'No finding is past its due date.',
    },
    {
      key: 'expiring',
      title: 'Decisions and acceptances expiring within 90 days',
      items: expiring,
      none: 'Nothing expires in the next 90 days.',
    },
  ];
  const waiting = reviews.length + overdue.length + findings.length + expiring.length;
  return {
    assurance: {
      // The DSPT outcome in words ("approaching standards"), as the committee pack writes it.
      withoutDspt: r.dataExposure.patientDataWithoutDspt
        .slice(0, DASHBOARD_DSPT_LIMIT)
        .map((g) => ({ ...g, currentStatus: g.currentStatus?.replace(/_/g, ' ') ?? null })),
      withoutDsptTotal: countText(r.dataExposure.patientDataWithoutDspt.length, 'supplier'),
      withoutDsptMore: moreText(r.dataExposure.patientDataWithoutDspt.length, DASHBOARD_DSPT_LIMIT),
      entryPoints: r.entryPoints.totals,
    },
    // Each group names its first ATTENTION_LIMIT (soonest first) and counts the rest: the page's size
    // stays the same whatever the register's (349 decisions expiring at 10,000 suppliers).
    attention: {
      total: countText(waiting, 'item'),
      groups: groups.map((g) => ({
        ...g,
        items: g.items.slice(0, ATTENTION_LIMIT),
        more: moreText(g.items.length, ATTENTION_LIMIT),
      })),
    },
    valueAtRisk: moneyText(r.headline.valueAtRisk),
    netValueAtRisk: moneyText(r.headline.netValueAtRisk),
    suppliers: r.headline.suppliersInScope,
    records: Object.entries(r.headline.recordsShared)
      .filter(([, n]) => n > 0)
      .map(([classification, n]) => ({
        classification: classification.replace('_', ' '),
        records: n.toLocaleString('en-GB'),
      })),
    heat: [5, 4, 3, 2, 1].map((likelihood) => ({ likelihood, cells: cells(likelihood) })),
    top: r.topRisks.map((t) => ({
      id: t.supplierId,
      name: t.name,
      rating: t.rating,
      netValueAtRisk: moneyText(t.netValueAtRisk),
    })),
    canSeeReport: user.role === 'governance' || user.role === 'admin',
  };
}
