import { moneyText } from '@app/platform';
import type { SupplyChainReport } from './supply-chain-report.js';

/**
 * The committee pack's view model: every figure in words a board reads (money to two significant
 * figures, dates in Europe/London, counts without "(s)"), the five decisions asked of the
 * committee, and charts as inline SVG with titles, axes, legends and a text alternative each.
 */
const DAY = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });
const MONTH = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', month: 'short', year: 'numeric' });
const MOMENT = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
  timeZoneName: 'short',
});

export const CLASSIFICATION_MARKING = 'OFFICIAL-SENSITIVE';

/** "30 November 2026" from a calendar date. */
export function dayText(iso: string | null | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso ?? '');
  return m ? DAY.format(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : (iso ?? '–');
}
/** "Nov 2026" from a period (YYYY-MM). */
const monthText = (period: string) => {
  const m = /^(\d{4})-(\d{2})/.exec(period);
  return m ? MONTH.format(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)) : period;
};
/** "30 November 2026 at 14:05 GMT" from an instant. */
export const momentText = (iso: string) => MOMENT.format(new Date(iso)).replace(',', ' at');
/** "1 supplier", "3 suppliers", "no suppliers". */
export const count = (n: number, one: string, many = `${one}s`) =>
  n === 0 ? `no ${many}` : `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
const words = (v: string) => v.replace(/_/g, ' ');

/** The five decisions the committee is asked to take, each with what it covers. */
function decisionsAsked(r: SupplyChainReport) {
  const h = r.headline;
  const undecided = r.topRisks.filter((t) => !t.drivers.decision);
  const expiring = r.decisions.expiringWithin90Days;
  const overdue = r.assessments.overdue.filter((a) => a.escalationLevel >= 2 || a.daysOverdue >= 14);
  const totals = r.dataExposure.linkTotals;
  return [
    {
      title: 'Note the value at risk',
      text: `Note the supply chain's value at risk (expected annual loss) of ${moneyText(h.valueAtRisk)} gross and ${moneyText(h.netValueAtRisk)} net of insurance, across ${count(h.suppliersInScope, 'supplier')} in scope.`,
    },
    {
      title: 'Decide on the largest risks without a decision',
      text: undecided.length
        ? `Accept, mitigate, transfer or avoid the risk of ${count(undecided.length, 'top-10 supplier')} with no current decision: ${undecided.map((t) => t.name).join(', ')}.`
        : 'Every top-10 supplier has a current decision: no new decision is needed.',
    },
    {
      title: 'Renew or end expiring decisions',
      text: expiring.length
        ? `Renew or end ${count(expiring.length, 'decision or acceptance', 'decisions and acceptances')} expiring within 90 days: ${expiring.map((e) => `${e.supplier} (${dayText(e.date)})`).join(', ')}.`
        : 'Nothing expires in the next 90 days.',
    },
    {
      title: 'Act on overdue questionnaires',
      text: overdue.length
        ? `Agree what happens to ${count(overdue.length, 'supplier')} whose questionnaire is 14 days or more overdue: ${overdue.map((a) => a.supplier).join(', ')}.`
        : 'No questionnaire is escalated to the committee.',
    },
    {
      title: 'Put data sharing on a proper footing',
      text:
        totals.withoutAgreement + totals.pastReview
          ? `Require an agreement for ${count(totals.withoutAgreement, 'data-sharing link')} without one, and a review of ${count(totals.pastReview, 'link')} past its review date.`
          : 'Every data-sharing link has an agreement and a current review.',
    },
  ];
}

export function packView(r: SupplyChainReport, org: string, consoleUrl: string | null) {
  const h = r.headline;
  const maxBar = Math.max(1, ...r.topRisks.map((t) => t.valueAtRisk));
  const trend = r.trends;
  const maxTrend = Math.max(1, ...trend.map((t) => t.valueAtRisk));
  const x = (i: number) => 70 + (trend.length <= 1 ? 250 : (i * 500) / (trend.length - 1));
  const y = (v: number) => 190 - (v / maxTrend) * 160;
  const since = r.changes?.since.takenOn ?? r.decisions.logSince;
  const signed = (n: number) => `${n >= 0 ? 'up' : 'down'} ${moneyText(Math.abs(n))}`;
  const ratingsText = Object.entries(r.heatMap.ratings)
    .map(([rating, n]) => `${n} ${rating}`)
    .join(', ');
  return {
    org,
    marking: CLASSIFICATION_MARKING,
    consoleUrl,
    asOf: dayText(r.asOf),
    period: `${dayText(since)} to ${dayText(r.asOf)}`,
    basis: r.basis.snapshot ? `the monthly snapshot of ${dayText(r.basis.takenOn)}` : 'the figures of the day',
    generatedAt: momentText(r.generatedAt),
    headline: {
      suppliers: h.suppliersInScope.toLocaleString('en-GB'),
      tiers: [1, 2, 3, 4].map((t) => ({ tier: t, count: h.byTier[String(t) as '1'] })),
      kinds: Object.entries(h.byKind).map(([kind, n]) => ({ kind: words(kind), count: n })),
      valueAtRisk: moneyText(h.valueAtRisk),
      netValueAtRisk: moneyText(h.netValueAtRisk),
      records: Object.entries(h.recordsShared)
        .filter(([, n]) => n > 0)
        .map(([classification, n]) => ({ classification: words(classification), records: n.toLocaleString('en-GB') })),
      tier12: h.tier12.share === null ? 'none' : `${Math.round(h.tier12.share * 100)}%`,
      tier12Detail:
        h.tier12.share === null
          ? 'No Tier 1 or 2 supplier'
          : `${h.tier12.withCurrentAssessment} of ${h.tier12.suppliers} Tier 1 and 2 suppliers`,
      escalated: count(h.escalatedToGovernance, 'supplier'),
    },
    changes: r.changes
      ? {
          since: dayText(r.changes.since.takenOn),
          net: signed(r.changes.netValueAtRiskChange),
          gross: signed(r.changes.valueAtRiskChange),
          lines: [
            ...r.changes.ratingUp.map((c) => `${c.name}: rated higher, ${c.from} to ${c.to}`),
            ...r.changes.ratingDown.map((c) => `${c.name}: rated lower, ${c.from} to ${c.to}`),
            ...r.changes.newSuppliers.map((c) => `${c.name}: new`),
            ...r.changes.offboarded.map((c) => `${c.name}: offboarded`),
          ],
          summary: `${count(r.changes.newSuppliers.length, 'new supplier')}, ${count(r.changes.offboarded.length, 'offboarded supplier')}, ${count(r.changes.ratingUp.length, 'supplier')} rated higher and ${count(r.changes.ratingDown.length, 'supplier')} rated lower`,
        }
      : null,
    asks: decisionsAsked(r),
    heat: r.heatMap.cells.map((c) => ({
      x: 70 + (c.impact - 1) * 80,
      y: 10 + (5 - c.likelihood) * 60,
      fill: c.colour, // rating and colour from the settings in force (heatMapCells)
      tx: 70 + (c.impact - 1) * 80 + 40,
      ty: 10 + (5 - c.likelihood) * 60 + 36,
      count: c.suppliers,
      text: c.rating === 'critical' ? '#ffffff' : '#212b32',
    })),
    heatRows: [5, 4, 3, 2, 1].map((likelihood) => ({
      likelihood,
      cells: [1, 2, 3, 4, 5]
        .map((impact) => r.heatMap.cells.find((c) => c.likelihood === likelihood && c.impact === impact)!)
        .map((c) => ({ count: c.suppliers, rating: c.rating })),
    })),
    heatAxis: [1, 2, 3, 4, 5].map((n) => ({ n, x: 70 + (n - 1) * 80 + 40, y: 10 + (5 - n) * 60 + 36 })),
    heatDesc: `${count(h.suppliersInScope, 'supplier')} by likelihood (1 to 5, up) and impact (1 to 5, across): ${
      r.heatMap.cells
        .filter((c) => c.suppliers > 0)
        .map((c) => `${c.suppliers} at likelihood ${c.likelihood}, impact ${c.impact}`)
        .join('; ') || 'none'
    }. Ratings: ${ratingsText}.`,
    ratings: Object.entries(r.heatMap.ratings).map(([rating, n]) => ({ rating, count: n })),
    bars: r.topRisks.map((t, i) => {
      // Widths in whole percent steps (classes, no inline style): gross of the largest, net of its own gross.
      const grossStep = Math.max(1, Math.round((t.valueAtRisk / maxBar) * 100));
      const netStep = t.valueAtRisk > 0 ? Math.round((t.netValueAtRisk / t.valueAtRisk) * 100) : 0;
      return { rank: i + 1, grossStep, netStep, label: moneyText(t.netValueAtRisk), name: t.name };
    }),
    barsMax: moneyText(maxBar),
    barsDesc:
      r.topRisks
        .map((t, i) => `${i + 1}. ${t.name}: ${moneyText(t.netValueAtRisk)} net, ${moneyText(t.valueAtRisk)} gross`)
        .join('; ') || 'No suppliers.',
    top: r.topRisks.map((t, i) => ({
      rank: i + 1,
      name: t.name,
      tier: t.tier,
      rating: t.rating,
      netValueAtRisk: moneyText(t.netValueAtRisk),
      valueAtRisk: moneyText(t.valueAtRisk),
      band: t.drivers.band ?? 'not assessed',
      criticality: t.drivers.criticality,
      records:
        t.drivers.records.map((x) => `${x.records.toLocaleString('en-GB')} ${words(x.classification)}`).join(', ') ||
        'none',
      failures: t.drivers.criticalFailures.join(', ') || 'none',
      openFindings: t.drivers.openFindings,
      decision: t.drivers.decision?.decision ?? 'none',
    })),
    trend: {
      points: trend.map((t, i) => ({
        x: x(i),
        y: y(t.valueAtRisk),
        ny: y(t.netValueAtRisk),
        label: monthText(t.period),
      })),
      line: trend.map((t, i) => `${x(i)},${y(t.valueAtRisk)}`).join(' '),
      netLine: trend.map((t, i) => `${x(i)},${y(t.netValueAtRisk)}`).join(' '),
      several: trend.length >= 2,
      one:
        trend.length === 1
          ? {
              month: monthText(trend[0].period),
              gross: moneyText(trend[0].valueAtRisk),
              net: moneyText(trend[0].netValueAtRisk),
            }
          : null,
      none: trend.length === 0,
      max: moneyText(maxTrend),
      desc: trend
        .map((t) => `${monthText(t.period)}: ${moneyText(t.valueAtRisk)} gross, ${moneyText(t.netValueAtRisk)} net`)
        .join('; '),
      rows: trend.map((t) => ({
        month: monthText(t.period),
        gross: moneyText(t.valueAtRisk),
        net: moneyText(t.netValueAtRisk),
        suppliers: t.suppliers,
      })),
    },
    exposure: {
      rated: Object.entries(r.dataExposure.heldByHighOrCritical)
        .filter(([, n]) => n > 0)
        .map(([c, n]) => ({ classification: words(c), records: n.toLocaleString('en-GB') })),
      research: Object.entries(r.dataExposure.heldByUniversitiesAndResearchPartners)
        .filter(([, n]) => n > 0)
        .map(([c, n]) => ({ classification: words(c), records: n.toLocaleString('en-GB') })),
      noAgreement: r.dataExposure.linksWithoutAgreement.map((l) => ({
        ...l,
        records: Number(l.records).toLocaleString('en-GB'),
      })),
      pastReview: r.dataExposure.linksPastReview.map((l) => ({ ...l, date: dayText(l.date) })),
      pastEnd: r.dataExposure.linksPastEnd.map((l) => ({ ...l, date: dayText(l.date) })),
      totals: r.dataExposure.linkTotals,
      // Receiving patient data without a current DSPT of standards met or better (the certifications).
      withoutDspt: r.dataExposure.patientDataWithoutDspt.map((g) => ({
        ...g,
        status: g.currentStatus
          ? `DSPT ${words(g.currentStatus)}`
          : g.lastExpiredOn
            ? `DSPT expired on ${dayText(g.lastExpiredOn)}`
            : 'No DSPT assessment recorded',
      })),
    },
    entryPoints: { ...r.entryPoints, suppliersText: count(r.entryPoints.totals.suppliers, 'supplier') },
    assessments: {
      overdue: r.assessments.overdue.map((a) => ({
        ...a,
        dueDate: dayText(a.dueDate),
        days: count(a.daysOverdue, 'day'),
      })),
      returned: r.assessments.returned,
      awaitingReview: r.assessments.awaitingReview,
      reassessmentsDue: r.assessments.reassessmentsDue,
      reassessmentsDueTotal: r.assessments.reassessmentsDueTotal,
    },
    findings: {
      severities: Object.entries(r.findings.openBySeverity).map(([severity, f]) => ({ severity, ...f })),
      overdue: r.findings.overdueRemediation,
      frameworks: r.findings.byFramework.slice(0, 15).map((f) => ({
        ...f,
        control: controlName(f.framework, f.group),
        text: `${count(f.openFindings, 'open finding')} at ${count(f.suppliers, 'supplier')}`,
      })),
    },
    decisions: {
      current: Object.entries(r.decisions.currentByType).map(([decision, n]) => ({ decision, count: n })),
      expiring: r.decisions.expiringWithin90Days.map((e) => ({
        ...e,
        date: dayText(e.date),
        kind: words(e.kind === 'findingAcceptance' ? 'accepted finding' : e.kind),
      })),
      log: r.decisions.log.map((d) => ({ ...d, decidedOn: dayText(d.decidedOn) })),
      since: dayText(r.decisions.logSince),
    },
    incidents: r.incidents.items.map((i) => ({
      ...i,
      recordsExposed: i.recordsExposed.toLocaleString('en-GB'),
      detectedAt: momentText(i.detectedAt),
      followUp: i.followUp ? words(i.followUp) : 'none',
      suspended: count(i.linksSuspended, 'link'),
    })),
    openIncidents: r.incidents.open,
  };
}

/** Framework names as a committee reads them (the stored keys are identifiers). */
const FRAMEWORK_NAMES: Record<string, string> = {
  'NCSC-CAF': 'NCSC Cyber Assessment Framework',
  'NDG': 'National Data Guardian standard',
  'CYBER-ESSENTIALS': 'Cyber Essentials',
  'NCSC-SUPPLY-CHAIN': 'NCSC supply chain principle',
  'ISO27001-2022': 'ISO/IEC 27001:2022 Annex A',
  'NIST-CSF-2.0': 'NIST Cybersecurity Framework 2.0',
  'DTAC': 'Digital Technology Assessment Criteria',
};

/** A control by its framework's name and its number in words: "Cyber Essentials: user access control", "National Data Guardian standard 3". */
export function controlName(framework: string, ref: string): string {
  const name = FRAMEWORK_NAMES[framework] ?? framework;
  if (framework === 'CYBER-ESSENTIALS') return `${name}: ${ref.replace(/-/g, ' ')}`;
  if (framework === 'NDG' || framework === 'NCSC-SUPPLY-CHAIN') return `${name} ${ref.replace(/^[A-Z]+-0?/, '')}`;
  return `${name} ${ref}`;
}
