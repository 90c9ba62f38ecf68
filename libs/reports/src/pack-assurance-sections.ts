import { addDays, daysBetween } from '@app/platform';
import { decisionIsCurrentSql, decisionLapsesOnSql, EXPIRING_DECISIONS } from '@app/scoring';
import { suppliersOf } from './report-figures.query.js';
import {
  SEVERITIES,
  type AssessmentsSection,
  type DecisionAlerts,
  type DecisionsSection,
  type FindingsSection,
  type IncidentsSection,
} from './supply-chain-report.types.js';
import { byKey, LIST_LIMIT, type PackQueries } from './pack-sections.js';

const num = (v: unknown) => Number(v ?? 0);

// The pack's sections on the assurance work under way: questionnaires, findings, decisions and incidents
// (the register's figures are in pack-sections.ts, with what every builder reads with).

/** Questionnaires overdue, returned, awaiting review, and suppliers due a new one. */
export async function assessmentsSection({ q, run, asOf, period }: PackQueries): Promise<AssessmentsSection> {
  const SUPPLIERS = suppliersOf(period);
  const assessmentsP = run<
    {
      state: string;
      id: string;
      supplier_id: string;
      supplier: string;
      questionnaire_key: string;
      due_date: string;
      escalation_level: number;
      submitted_at: Date | null;
    }[]
  >(
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
    overdue: assessments
      .filter((a) => a.state === 'overdue')
      .map((a) => ({
        assessmentId: a.id,
        supplierId: a.supplier_id,
        supplier: a.supplier,
        questionnaireKey: a.questionnaire_key,
        dueDate: a.due_date,
        daysOverdue: daysBetween(a.due_date, asOf),
        escalationLevel: a.escalation_level,
      })),
    returned: assessments
      .filter((a) => a.state === 'returned')
      .map((a) => ({
        assessmentId: a.id,
        supplierId: a.supplier_id,
        supplier: a.supplier,
        questionnaireKey: a.questionnaire_key,
        dueDate: a.due_date,
      })),
    awaitingReview: assessments
      .filter((a) => a.state === 'awaitingReview')
      .map((a) => ({
        assessmentId: a.id,
        supplierId: a.supplier_id,
        supplier: a.supplier,
        questionnaireKey: a.questionnaire_key,
        submittedAt: a.submitted_at?.toISOString() ?? null,
      })),
    reassessmentsDue: reassess.map((r) => ({ supplierId: r.supplier_id, supplier: r.name, tier: r.tier })),
    reassessmentsDueTotal: num(reassess[0]?.total),
  };
}

/** Open findings by severity and age, and by framework group. */
export async function findingsSection({ run, asOf }: PackQueries): Promise<FindingsSection> {
  // Open findings from their running totals (plus the changes not yet folded in): see the report-rollups migration.
  const findingAgesP = run<
    { severity: string; total: string; under30: string; from30to90: string; over90: string; overdue: string }[]
  >(
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
    openBySeverity: Object.fromEntries(
      SEVERITIES.map((sev) => {
        const row = findingAges.find((f) => f.severity === sev);
        return [
          sev,
          {
            total: num(row?.total),
            under30Days: num(row?.under30),
            from30To90Days: num(row?.from30to90),
            over90Days: num(row?.over90),
          },
        ];
      }),
    ) as Record<
      (typeof SEVERITIES)[number],
      { total: number; under30Days: number; from30To90Days: number; over90Days: number }
    >,
    overdueRemediation: findingAges.reduce((sum, f) => sum + num(f.overdue), 0),
    byFramework: frameworks.map((f) => ({
      framework: f.framework,
      group: f.grp,
      openFindings: num(f.findings),
      suppliers: num(f.suppliers),
    })),
  };
}

/** Current decisions by type, those expiring within 90 days, and the log since the last pack (alerts added by the caller). */
export async function decisionsSection({
  run,
  asOf,
  since,
}: PackQueries): Promise<Omit<DecisionsSection, keyof DecisionAlerts>> {
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
  const logP = run<
    {
      id: string;
      supplier_id: string;
      supplier: string;
      decision: string;
      rationale: string;
      decided_on: string;
      decided_by: string | null;
    }[]
  >(
    `SELECT d.id, s.id AS supplier_id, s.name AS supplier, d.decision, d.rationale, (d.created_at AT TIME ZONE 'Europe/London')::date::text AS decided_on, u.name AS decided_by
       FROM risk_decision d JOIN supplier s ON s.id = d.supplier_id LEFT JOIN app_user u ON u.id = d.decided_by
      WHERE d.created_at >= ($1::date + 1)::timestamp AT TIME ZONE 'Europe/London' AND d.created_at < ($2::date + 1)::timestamp AT TIME ZONE 'Europe/London'
      ORDER BY d.created_at DESC LIMIT $3`,
    [since, asOf, LIST_LIMIT],
  );

  const [currentDecisions, expiring, log] = await Promise.all([currentDecisionsP, expiringP, logP]);
  return {
    currentByType: byKey(['accept', 'mitigate', 'transfer', 'avoid'] as const, currentDecisions),
    expiringWithin90Days: expiring.map((e) => ({
      kind: e.kind,
      id: e.id,
      supplierId: e.supplier_id,
      supplier: e.supplier,
      date: e.date,
    })),
    logSince: since,
    log: log.map((d) => ({
      id: d.id,
      supplierId: d.supplier_id,
      supplier: d.supplier,
      decision: d.decision,
      rationale: d.rationale,
      decidedOn: d.decided_on,
      decidedBy: d.decided_by,
    })),
  };
}

/** Incidents open, or closed since the last pack. */
export async function incidentsSection({ run, asOf, since }: PackQueries): Promise<IncidentsSection> {
  const incidentsP = run<
    {
      id: string;
      supplier_id: string;
      supplier: string;
      severity: string;
      status: string;
      detected_at: Date;
      records: string;
      follow_up: string | null;
      suspended: string;
    }[]
  >(
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
    items: incidents.map((i) => ({
      incidentId: i.id,
      supplierId: i.supplier_id,
      supplier: i.supplier,
      severity: i.severity,
      status: i.status,
      detectedAt: i.detected_at.toISOString(),
      recordsExposed: num(i.records),
      followUp: i.follow_up,
      linksSuspended: num(i.suspended),
    })),
  };
}
