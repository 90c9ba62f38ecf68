import { heatMapCells, type RiskSettings } from '@app/scoring';
import { ANSWERABLE_STATUSES } from '@app/assessments';
import { TOTALS, RECORDS_BY_CLASSIFICATION, RECORD_SUMS, suppliersOf } from './report-figures.query.js';
import {
  CLASSIFICATIONS,
  RATINGS,
  type DataExposure,
  type Headline,
  type HeatMap,
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
export async function headlineSection({ q, settings }: PackQueries): Promise<{
  headline: Omit<Headline, 'recordsHeldDistinct'>;
  heatMap: HeatMap;
  totals: { var: string; net_var: string };
}> {
  const totalsP = q<{
    n: string;
    var: string;
    net_var: string;
    tier12: string;
    tier12_current: string;
    escalated: string;
  }>(
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
  const byTierP = q<{ key: string; n: string }>(
    `WITH ${TOTALS} SELECT tier::text AS key, sum(suppliers) AS n FROM r GROUP BY tier HAVING sum(suppliers) <> 0`,
  );
  const byKindP = q<{ key: string; n: string }>(
    `WITH ${TOTALS} SELECT kind AS key, sum(suppliers) AS n FROM r GROUP BY kind HAVING sum(suppliers) <> 0 ORDER BY kind`,
  );
  const sharedP = q<{ key: string; n: string }>(
    `WITH ${TOTALS} SELECT k.key, k.n FROM (SELECT ${RECORD_SUMS} FROM r) t ${RECORDS_BY_CLASSIFICATION}`,
  );
  const cellsP = q<{ likelihood: number; impact: number; n: string }>(
    `WITH ${TOTALS} SELECT likelihood_level AS likelihood, impact_level AS impact, sum(suppliers) AS n FROM r GROUP BY 1, 2`,
  );
  const ratingsP = q<{ key: string; n: string }>(
    `WITH ${TOTALS} SELECT rating AS key, sum(suppliers) AS n FROM r GROUP BY rating`,
  );

  const [[totals], byTier, byKind, shared, cells, ratings] = await Promise.all([
    totalsP,
    byTierP,
    byKindP,
    sharedP,
    cellsP,
    ratingsP,
  ]);
  return {
    totals,
    headline: {
      suppliersInScope: num(totals.n),
      byTier: byKey(['1', '2', '3', '4'], byTier),
      byKind: Object.fromEntries(byKind.map((k) => [k.key, num(k.n)])),
      valueAtRisk: num(totals.var),
      netValueAtRisk: num(totals.net_var),
      recordsShared: byKey(CLASSIFICATIONS, shared),
      tier12: {
        suppliers: num(totals.tier12),
        withCurrentAssessment: num(totals.tier12_current),
        share: num(totals.tier12) ? num(totals.tier12_current) / num(totals.tier12) : null,
      },
      escalatedToGovernance: num(totals.escalated),
    },
    heatMap: {
      // Each cell's rating and colour follow the rating bounds in force (settings), not fixed ones.
      cells: heatMapCells(settings).map((c) => ({
        ...c,
        suppliers: num(cells.find((x) => x.likelihood === c.likelihood && x.impact === c.impact)?.n),
      })),
      colours: settings.ratingColours,
      ratings: byKey(RATINGS, ratings),
    },
  };
}

/** The ten largest net values at risk, with what drives each. */
export async function topRisksSection({ q, period }: PackQueries): Promise<TopRisk[]> {
  const SUPPLIERS = suppliersOf(period);
  const topP = q<{
    supplier_id: string;
    name: string;
    kind: string;
    criticality: string;
    tier: number;
    band: string | null;
    var: string;
    net_var: string;
    rating: string;
    likelihood_level: number;
    impact_level: number;
    rs: Record<string, number>;
  }>(`WITH ${SUPPLIERS} SELECT * FROM f ORDER BY net_var DESC, name, supplier_id LIMIT 10`);
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

  const [top, topFailures, topFindings, topDecisions] = await Promise.all([
    topP,
    topFailuresP,
    topFindingsP,
    topDecisionsP,
  ]);
  return top.map((t) => {
    const decision = topDecisions.find((d) => d.supplier_id === t.supplier_id);
    return {
      supplierId: t.supplier_id,
      name: t.name,
      kind: t.kind,
      tier: t.tier,
      rating: t.rating,
      likelihoodLevel: t.likelihood_level,
      impactLevel: t.impact_level,
      valueAtRisk: num(t.var),
      netValueAtRisk: num(t.net_var),
      drivers: {
        records: Object.entries(t.rs)
          .filter(([, n]) => num(n) > 0)
          .sort((a, b) => num(b[1]) - num(a[1]))
          .map(([classification, records]) => ({ classification, records: num(records) })),
        criticality: t.criticality,
        band: t.band,
        criticalFailures: topFailures.find((f) => f.supplier_id === t.supplier_id)?.failures ?? [],
        openFindings: num(topFindings.find((f) => f.supplier_id === t.supplier_id)?.n),
        decision: decision
          ? { decision: decision.decision, reviewDate: decision.review_date, expiresOn: decision.expires_on }
          : null,
      },
    };
  });
}

/** Records held by the riskiest suppliers and by research partners; links that need attention (DSPT gaps added by the caller). */
export async function dataExposureSection({
  q,
  run,
  asOf,
}: PackQueries): Promise<Omit<DataExposure, 'patientDataWithoutDspt'>> {
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
  const linksP = run<
    {
      problem: string;
      link_id: string;
      supplier_id: string;
      supplier: string;
      asset: string;
      records: string;
      date: string | null;
      total: string;
    }[]
  >(
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
    heldByHighOrCritical: byKey(
      CLASSIFICATIONS,
      exposure.filter((e) => e.bucket === 'rated'),
    ),
    heldByUniversitiesAndResearchPartners: byKey(
      CLASSIFICATIONS,
      exposure.filter((e) => e.bucket === 'research'),
    ),
    ...(Object.fromEntries(
      (['noAgreement', 'pastReview', 'pastEnd'] as const).map((problem) => [
        { noAgreement: 'linksWithoutAgreement', pastReview: 'linksPastReview', pastEnd: 'linksPastEnd' }[problem],
        links
          .filter((l) => l.problem === problem)
          .map((l) => ({
            linkId: l.link_id,
            supplierId: l.supplier_id,
            supplier: l.supplier,
            asset: l.asset,
            records: num(l.records),
            date: l.date,
          })),
      ]),
    ) as Record<'linksWithoutAgreement' | 'linksPastReview' | 'linksPastEnd', LinkProblem[]>),
    linkTotals: {
      withoutAgreement: num(links.find((l) => l.problem === 'noAgreement')?.total),
      pastReview: num(links.find((l) => l.problem === 'pastReview')?.total),
      pastEnd: num(links.find((l) => l.problem === 'pastEnd')?.total),
    },
  };
}
