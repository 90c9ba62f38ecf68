import { addDays, daysBetween } from '@app/platform';
import { decisionIsCurrentSql, decisionLapsesOnSql, EXPIRING_DECISIONS, heatMapCells, type RiskSettings } from '@app/scoring';
import { ANSWERABLE_STATUSES } from '@app/assessments';
import { TOTALS, RECORDS_BY_CLASSIFICATION, RECORD_SUMS, suppliersOf } from './report-figures.query.js';
import {
  CLASSIFICATIONS,
  RATINGS,
  SEVERITIES,
  type AssessmentsSection,
  type DataExposure,
  type DecisionAlerts,
  type DecisionsSection,
  type FindingsSection,
  type Headline,
  type HeatMap,
  type IncidentsSection,
  type LinkProblem,
  type TopRisk,
} from './supply-chain-report.types.js';

/** Lists in the pack show at most this many entries (largest first), with their full count. */
export const LIST_LIMIT = 50;

const num = (v: unknown) => Number(v ?? 0);
export const byKey = <K extends string>(keys: readonly K[], rows: { key: string; n: unknown }[]): Record<K, number> =>
  Object.fromEntries(keys.map((k) => [k, num(rows.find((r) => r.key === k)?.n)])) as Record<K, number>;

/**
 * What a section builder reads with: the pack's one transaction, its day and its snapshot. A builder
 * starts all its queries before it awaits any, so that every section's queries queue on the
 * connection at once, in the order the sections are asked for.
 */
export interface PackQueries {
  /** A query on the transaction's connection, after the ones started before it. */
  run<T>(sql: string, params?: unknown[]): Promise<T>;
  /** The same, with the snapshot period (null: today's figures) as $1. */
  q<T>(sql: string, params?: unknown[]): Promise<T[]>;
  period: string | null;
  asOf: string;
  /** The start of "since the last pack": the previous snapshot's day, else 90 days back. */
  since: string;
  settings: RiskSettings;
}

/** Headline figures and the heat map (and the totals the changes section compares with the last snapshot). */
export async function headlineSection({ q, settings }: PackQueries): Promise<{ headline: Omit<Headline, 'recordsHeldDistinct'>; heatMap: HeatMap; totals: { var: string; net_var: string } }> {
  const totalsP = q<{ n: string; var: string; net_var: string; tier12: string; tier12_current: string; escalated: string }>(
    `WITH ${TOTALS}
     SELECT coalesce(sum(suppliers), 0) AS n, coalesce(sum(var), 0) AS var, coalesce(sum(net_var), 0) AS net_var,
            coalesce(sum(suppliers) FILTER (WHERE tier <= 2), 0) AS tier12,
            coalesce(sum(suppliers) FILTER (WHERE tier <= 2 AND current), 0) AS tier12_current,
            (SELECT count(DISTINCT a.supplier_id) FROM assessment a
              WHERE a.status = ANY($2) AND a.escalation_level = 2
                AND CASE WHEN $1::text IS NULL THEN EXISTS (SELECT 1 FROM supplier s WHERE s.id = a.supplier_id AND s.status <> 'offboarded')
                         ELSE EXISTS (SELECT 1 FROM risk_snapshot p WHERE p.period = $1::text AND p.supplier_id = a.supplier_id) END) AS escalated
       FROM r`,
    [ANSWERABLE_STATUSES],
  );
  const byTierP = q<{ key: string; n: string }>(`WITH ${TOTALS} SELECT tier::text AS key, sum(suppliers) AS n FROM r GROUP BY tier HAVING sum(suppliers) <> 0`);
  const byKindP = q<{ key: string; n: string }>(`WITH ${TOTALS} SELECT kind AS key, sum(suppliers) AS n FROM r GROUP BY kind HAVING sum(suppliers) <> 0 ORDER BY kind`);
  const sharedP = q<{ key: string; n: string }>(`WITH ${TOTALS} SELECT k.key, k.n FROM (SELECT ${RECORD_SUMS} FROM r) t ${RECORDS_BY_CLASSIFICATION}`);
  const cellsP = q<{ likelihood: number; impact: number; n: string }>(`WITH ${TOTALS} SELECT likelihood_level AS likelihood, impact_level AS impact, sum(suppliers) AS n FROM r GROUP BY 1, 2`);
  const ratingsP = q<{ key: string; n: string }>(`WITH ${TOTALS} SELECT rating AS key, sum(suppliers) AS n FROM r GROUP BY rating`);

  const [[totals], byTier, byKind, shared, cells, ratings] = await Promise.all([totalsP, byTierP, byKindP, sharedP, cellsP, ratingsP]);
  return {
    totals,
    headline: {
      suppliersInScope: num(totals.n),
      byTier: byKey(['1', '2', '3', '4'], byTier),
      byKind: Object.fromEntries(byKind.map((k) => [k.key, num(k.n)])),
      valueAtRisk: num(totals.var),
      netValueAtRisk: num(totals.net_var),
      recordsShared: byKey(CLASSIFICATIONS, shared),
      tier12: { suppliers: num(totals.tier12), withCurrentAssessment: num(totals.tier12_current), share: num(totals.tier12) ? num(totals.tier12_current) / num(totals.tier12) : null },
      escalatedToGovernance: num(totals.escalated),
    },
    heatMap: {
      // Each cell's rating and colour follow the rating bounds in force (settings), not fixed ones.
      cells: heatMapCells(settings).map((c) => ({ ...c, suppliers: num(cells.find((x) => x.likelihood === c.likelihood && x.impact === c.impact)?.n) })),
      colours: settings.ratingColours,
      ratings: byKey(RATINGS, ratings),
    },
  };
}

/** The ten largest net values at risk, with what drives each. */
export async function topRisksSection({ q, period }: PackQueries): Promise<TopRisk[]> {
  const SUPPLIERS = suppliersOf(period);
  const topP = q<{ supplier_id: string; name: string; kind: string; criticality: string; tier: number; band: string | null; var: string; net_var: string; rating: string; likelihood_level: number; impact_level: number; rs: Record<string, number> }>(
    `WITH ${SUPPLIERS} SELECT * FROM f ORDER BY net_var DESC, name, supplier_id LIMIT 10`,
  );
  // The top 10's drivers, keyed on the same ordering in SQL, so every query can start at once.
  const TOP = `top AS (SELECT supplier_id FROM f ORDER BY net_var DESC, name, supplier_id LIMIT 10)`;
  const topFailuresP = q<{ supplier_id: string; failures: string[] | null }>(
    `WITH ${SUPPLIERS}, ${TOP}
     SELECT DISTINCT ON (a.supplier_id) a.supplier_id, ARRAY(SELECT jsonb_array_elements_text(a.score->'criticalFailures')) AS failures
       FROM assessment a WHERE a.supplier_id IN (SELECT supplier_id FROM top) AND a.status = 'completed' ORDER BY a.supplier_id, a.completed_at DESC`,
  );
  const topFindingsP = q<{ supplier_id: string; n: string }>(
    `WITH ${SUPPLIERS}, ${TOP}
     SELECT x.supplier_id, count(*) AS n FROM finding x WHERE x.supplier_id IN (SELECT supplier_id FROM top) AND x.superseded_at IS NULL AND x.status IN ('open', 'remediation_planned') GROUP BY x.supplier_id`,
  );
  const topDecisionsP = q<{ supplier_id: string; decision: string; review_date: string; expires_on: string | null }>(
    `WITH ${SUPPLIERS}, ${TOP}
     SELECT d.supplier_id, d.decision, d.review_date::text, d.expires_on::text FROM risk_decision d WHERE d.supplier_id IN (SELECT supplier_id FROM top) AND d.current`,
  );

  const [top, topFailures, topFindings, topDecisions] = await Promise.all([topP, topFailuresP, topFindingsP, topDecisionsP]);
  return top.map((t) => {
    const decision = topDecisions.find((d) => d.supplier_id === t.supplier_id);
    return {
      supplierId: t.supplier_id, name: t.name, kind: t.kind, tier: t.tier, rating: t.rating, likelihoodLevel: t.likelihood_level, impactLevel: t.impact_level,
      valueAtRisk: num(t.var), netValueAtRisk: num(t.net_var),
      drivers: {
        records: Object.entries(t.rs).filter(([, n]) => num(n) > 0).sort((a, b) => num(b[1]) - num(a[1])).map(([classification, records]) => ({ classification, records: num(records) })),
        criticality: t.criticality,
        band: t.band,
        criticalFailures: topFailures.find((f) => f.supplier_id === t.supplier_id)?.failures ?? [],
        openFindings: num(topFindings.find((f) => f.supplier_id === t.supplier_id)?.n),
        decision: decision ? { decision: decision.decision, reviewDate: decision.review_date, expiresOn: decision.expires_on } : null,
      },
    };
  });
}

/** Records held by the riskiest suppliers and by research partners; links that need attention (DSPT gaps added by the caller). */
export async function dataExposureSection({ q, run, asOf }: PackQueries): Promise<Omit<DataExposure, 'patientDataWithoutDspt'>> {
  const exposureP = q<{ bucket: string; key: string; n: string }>(
    `WITH ${TOTALS}
     SELECT 'rated' AS bucket, k.key, k.n FROM (SELECT ${RECORD_SUMS} FROM r WHERE rating IN ('high', 'critical')) t ${RECORDS_BY_CLASSIFICATION}
     UNION ALL
     SELECT 'research', k.key, k.n FROM (SELECT ${RECORD_SUMS} FROM r WHERE kind IN ('university', 'research_partner')) t ${RECORDS_BY_CLASSIFICATION}`,
  );
  // Links that need attention: the largest 50 of each kind (read in record order through partial
  // indexes) and how many there are. Offboarding ends every link, so a link not ended is a current
  // supplier's.
  const problem = (name: string, date: string, where: string) => `
    (SELECT '${name}' AS problem, l.id, ${date} AS date, (SELECT count(*) FROM data_sharing_link l WHERE l.status <> 'ended' AND ${where}) AS total
       FROM data_sharing_link l JOIN supplier s ON s.id = l.supplier_id
      WHERE l.status <> 'ended' AND ${where}
      ORDER BY l.record_count DESC, s.name, l.id LIMIT $2)`;
  const linksP = run<{ problem: string; link_id: string; supplier_id: string; supplier: string; asset: string; records: string; date: string | null; total: string }[]>(
    `SELECT p.problem, l.id AS link_id, s.id AS supplier_id, s.name AS supplier, a.name AS asset, l.record_count AS records, p.date::text AS date, p.total
       FROM (${problem('noAgreement', 'NULL::date', '(l.agreement_ref IS NULL OR l.agreement_type IS NULL)')}
             UNION ALL ${problem('pastReview', 'l.review_date', 'l.review_date < $1::date')}
             UNION ALL ${problem('pastEnd', 'l.end_date', 'l.end_date < $1::date')}) p
       JOIN data_sharing_link l ON l.id = p.id JOIN supplier s ON s.id = l.supplier_id JOIN data_asset a ON a.id = l.data_asset_id
      ORDER BY p.problem, l.record_count DESC, s.name, l.id`,
    [asOf, LIST_LIMIT],
  );

  const [exposure, links] = await Promise.all([exposureP, linksP]);
  return {
    heldByHighOrCritical: byKey(CLASSIFICATIONS, exposure.filter((e) => e.bucket === 'rated')),
    heldByUniversitiesAndResearchPartners: byKey(CLASSIFICATIONS, exposure.filter((e) => e.bucket === 'research')),
    ...Object.fromEntries(
      (['noAgreement', 'pastReview', 'pastEnd'] as const).map((problem) => [
        { noAgreement: 'linksWithoutAgreement', pastReview: 'linksPastReview', pastEnd: 'linksPastEnd' }[problem],
        links.filter((l) => l.problem === problem).map((l) => ({ linkId: l.link_id, supplierId: l.supplier_id, supplier: l.supplier, asset: l.asset, records: num(l.records), date: l.date })),
      ]),
    ) as Record<'linksWithoutAgreement' | 'linksPastReview' | 'linksPastEnd', LinkProblem[]>,
    linkTotals: {
      withoutAgreement: num(links.find((l) => l.problem === 'noAgreement')?.total),
      pastReview: num(links.find((l) => l.problem === 'pastReview')?.total),
      pastEnd: num(links.find((l) => l.problem === 'pastEnd')?.total),
    },
  };
}

/** Questionnaires overdue, returned, awaiting review, and suppliers due a new one. */
export async function assessmentsSection({ q, run, asOf, period }: PackQueries): Promise<AssessmentsSection> {
  const SUPPLIERS = suppliersOf(period);
  const assessmentsP = run<{ state: string; id: string; supplier_id: string; supplier: string; questionnaire_key: string; due_date: string; escalation_level: number; submitted_at: Date | null }[]>(
    `SELECT CASE WHEN a.status = 'submitted' THEN 'awaitingReview' WHEN a.status = 'returned' THEN 'returned' ELSE 'overdue' END AS state,
            a.id, s.id AS supplier_id, s.name AS supplier, a.questionnaire_key, a.due_date::text, a.escalation_level, a.submitted_at
       FROM assessment a JOIN supplier s ON s.id = a.supplier_id
      WHERE s.status <> 'offboarded' AND (a.status IN ('submitted', 'returned') OR (a.status IN ('sent', 'in_progress') AND a.due_date < $1::date))
      ORDER BY a.due_date, s.name`,
    [asOf],
  );
  const reassessP = q<{ supplier_id: string; name: string; tier: number; total: string }>(
    `WITH ${SUPPLIERS} SELECT f.supplier_id, f.name, f.tier, count(*) OVER () AS total FROM f
      WHERE f.assessment_expired
        -- One index probe per expired supplier (LIMIT keeps it a probe, not a hash of every open assessment).
        AND NOT EXISTS (SELECT 1 FROM assessment x WHERE x.supplier_id = f.supplier_id AND x.status IN ('sent', 'in_progress', 'submitted', 'returned') LIMIT 1)
      ORDER BY f.tier, f.net_var DESC, f.name LIMIT $2`,
    [LIST_LIMIT],
  );

  const [assessments, reassess] = await Promise.all([assessmentsP, reassessP]);
  return {
    overdue: assessments.filter((a) => a.state === 'overdue').map((a) => ({ assessmentId: a.id, supplierId: a.supplier_id, supplier: a.supplier, questionnaireKey: a.questionnaire_key, dueDate: a.due_date, daysOverdue: daysBetween(a.due_date, asOf), escalationLevel: a.escalation_level })),
    returned: assessments.filter((a) => a.state === 'returned').map((a) => ({ assessmentId: a.id, supplierId: a.supplier_id, supplier: a.supplier, questionnaireKey: a.questionnaire_key, dueDate: a.due_date })),
    awaitingReview: assessments.filter((a) => a.state === 'awaitingReview').map((a) => ({ assessmentId: a.id, supplierId: a.supplier_id, supplier: a.supplier, questionnaireKey: a.questionnaire_key, submittedAt: a.submitted_at?.toISOString() ?? null })),
    reassessmentsDue: reassess.map((r) => ({ supplierId: r.supplier_id, supplier: r.name, tier: r.tier })),
    reassessmentsDueTotal: num(reassess[0]?.total),
  };
}

/** Open findings by severity and age, and by framework group. */
export async function findingsSection({ run, asOf }: PackQueries): Promise<FindingsSection> {
  // Open findings from their running totals (plus the changes not yet folded in): see the report-rollups migration.
  const findingAgesP = run<{ severity: string; total: string; under30: string; from30to90: string; over90: string; overdue: string }[]>(
    `SELECT severity, sum(findings) AS total,
            coalesce(sum(findings) FILTER (WHERE created_on > $1::date - 30), 0) AS under30,
            coalesce(sum(findings) FILTER (WHERE created_on <= $1::date - 30 AND created_on > $1::date - 90), 0) AS from30to90,
            coalesce(sum(findings) FILTER (WHERE created_on <= $1::date - 90), 0) AS over90,
            coalesce(sum(findings) FILTER (WHERE due_date < $1::date), 0) AS overdue
       FROM (SELECT severity, created_on, due_date, findings FROM finding_age_rollup
             UNION ALL SELECT severity, created_on, due_date, findings FROM finding_rollup_delta) x
      GROUP BY severity`,
    [asOf],
  );
  // Per framework group: findings, and suppliers with at least one. Changes not yet folded in move
  // a supplier in or out of a group when its count there leaves or reaches zero.
  const frameworksP = run<{ framework: string; grp: string; findings: string; suppliers: string }[]>(
    `WITH pending AS (
       SELECT m->>'framework' AS framework, finding_group_of(m) AS grp, d.supplier_id, sum(d.findings) AS findings
         FROM finding_rollup_delta d CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(d.mappings) = 'array' THEN d.mappings ELSE '[]' END) m
        GROUP BY 1, 2, 3
     ), moves AS (
       SELECT p.framework, p.grp, sum(p.findings) AS findings,
              sum(CASE WHEN COALESCE(s.findings, 0) = 0 AND p.findings > 0 THEN 1 WHEN COALESCE(s.findings, 0) > 0 AND s.findings + p.findings = 0 THEN -1 ELSE 0 END) AS suppliers
         FROM pending p LEFT JOIN finding_group_supplier s USING (framework, grp, supplier_id) GROUP BY 1, 2
     )
     SELECT framework, grp, sum(findings) AS findings, sum(suppliers) AS suppliers
       FROM (SELECT framework, grp, findings, suppliers FROM finding_group UNION ALL SELECT * FROM moves) t
      GROUP BY 1, 2 HAVING sum(findings) > 0
      ORDER BY sum(suppliers) DESC, sum(findings) DESC, 1, 2`,
  );

  const [findingAges, frameworks] = await Promise.all([findingAgesP, frameworksP]);
  return {
    openBySeverity: Object.fromEntries(SEVERITIES.map((sev) => {
      const row = findingAges.find((f) => f.severity === sev);
      return [sev, { total: num(row?.total), under30Days: num(row?.under30), from30To90Days: num(row?.from30to90), over90Days: num(row?.over90) }];
    })) as Record<(typeof SEVERITIES)[number], { total: number; under30Days: number; from30To90Days: number; over90Days: number }>,
    overdueRemediation: findingAges.reduce((sum, f) => sum + num(f.overdue), 0),
    byFramework: frameworks.map((f) => ({ framework: f.framework, group: f.grp, openFindings: num(f.findings), suppliers: num(f.suppliers) })),
  };
}

/** Current decisions by type, those expiring within 90 days, and the log since the last pack (alerts added by the caller). */
export async function decisionsSection({ run, asOf, since }: PackQueries): Promise<Omit<DecisionsSection, keyof DecisionAlerts>> {
  const currentDecisionsP = run<{ key: string; n: string }[]>(
    // Against the (few) offboarded suppliers, not a join with every supplier.
    `SELECT d.decision AS key, count(*) AS n FROM risk_decision d WHERE d.current AND ${decisionIsCurrentSql('d', '$1')} AND d.supplier_id NOT IN (SELECT id FROM supplier WHERE status = 'offboarded') GROUP BY d.decision`,
    [asOf],
  );
  const expiringP = run<{ kind: string; id: string; supplier_id: string; supplier: string; date: string }[]>(
    `SELECT CASE WHEN d.decision = 'transfer' THEN 'insurance' ELSE 'acceptance' END AS kind, d.id, s.id AS supplier_id, s.name AS supplier,
            ${decisionLapsesOnSql('d')}::text AS date
       FROM risk_decision d JOIN supplier s ON s.id = d.supplier_id
      WHERE d.current AND s.status <> 'offboarded' AND d.decision = ANY($3)
        AND ${decisionLapsesOnSql('d')} BETWEEN $1::date AND $2::date
     UNION ALL
     SELECT 'findingAcceptance', f.id, s.id, s.name, f.accepted_until::text FROM finding f JOIN supplier s ON s.id = f.supplier_id
      WHERE f.status = 'accepted' AND f.superseded_at IS NULL AND f.accepted_until BETWEEN $1::date AND $2::date
      ORDER BY date, supplier`,
    [asOf, addDays(asOf, 90), EXPIRING_DECISIONS],
  );
  const logP = run<{ id: string; supplier_id: string; supplier: string; decision: string; rationale: string; decided_on: string; decided_by: string | null }[]>(
    `SELECT d.id, s.id AS supplier_id, s.name AS supplier, d.decision, d.rationale, (d.created_at AT TIME ZONE 'Europe/London')::date::text AS decided_on, u.name AS decided_by
       FROM risk_decision d JOIN supplier s ON s.id = d.supplier_id LEFT JOIN app_user u ON u.id = d.decided_by
      WHERE d.created_at >= ($1::date + 1)::timestamp AT TIME ZONE 'Europe/London' AND d.created_at < ($2::date + 1)::timestamp AT TIME ZONE 'Europe/London'
      ORDER BY d.created_at DESC LIMIT $3`,
    [since, asOf, LIST_LIMIT],
  );

  const [currentDecisions, expiring, log] = await Promise.all([currentDecisionsP, expiringP, logP]);
  return {
    currentByType: byKey(['accept', 'mitigate', 'transfer', 'avoid'] as const, currentDecisions),
    expiringWithin90Days: expiring.map((e) => ({ kind: e.kind, id: e.id, supplierId: e.supplier_id, supplier: e.supplier, date: e.date })),
    logSince: since,
    log: log.map((d) => ({ id: d.id, supplierId: d.supplier_id, supplier: d.supplier, decision: d.decision, rationale: d.rationale, decidedOn: d.decided_on, decidedBy: d.decided_by })),
  };
}

/** Incidents open, or closed since the last pack. */
export async function incidentsSection({ run, asOf, since }: PackQueries): Promise<IncidentsSection> {
  const incidentsP = run<{ id: string; supplier_id: string; supplier: string; severity: string; status: string; detected_at: Date; records: string; follow_up: string | null; suspended: string }[]>(
    `SELECT i.id, s.id AS supplier_id, s.name AS supplier, i.severity, i.status, i.detected_at, (i.exposure_at_open->'records'->>'total')::bigint AS records, a.status AS follow_up,
            (SELECT count(*) FROM data_sharing_link l WHERE l.suspended_by_incident = i.id) AS suspended
       FROM incident i JOIN supplier s ON s.id = i.supplier_id LEFT JOIN assessment a ON a.id = i.follow_up_assessment_id
      WHERE (i.detected_at AT TIME ZONE 'Europe/London')::date <= $1::date AND (i.status = 'open' OR (i.closed_at AT TIME ZONE 'Europe/London')::date > $2::date)
      ORDER BY i.status DESC, i.detected_at DESC LIMIT $3`,
    [asOf, since, LIST_LIMIT],
  );
  const incidents = await incidentsP;
  return {
    open: incidents.filter((i) => i.status === 'open').length,
    items: incidents.map((i) => ({ incidentId: i.id, supplierId: i.supplier_id, supplier: i.supplier, severity: i.severity, status: i.status, detectedAt: i.detected_at.toISOString(), recordsExposed: num(i.records), followUp: i.follow_up, linksSuspended: num(i.suspended) })),
  };
}
