// The SQL the committee report is built on: the suppliers' figures, today's or a monthly snapshot's.

/**
 * The suppliers' figures a report is built on: today's (suppliers not offboarded), or a monthly
 * snapshot's when `$1` names its period. Every aggregate below reads these per-supplier figures and
 * sums in SQL; no report ever walks answers.
 */
export const FIGURES = `
  f AS (
    SELECT id AS supplier_id, name, kind, criticality, tier, band, likelihood_level, impact_level,
           single_loss_estimate AS sle, value_at_risk AS var, net_value_at_risk AS net_var, rating, assessment_expired, records_shared AS rs
      FROM supplier WHERE status <> 'offboarded' AND $1::text IS NULL
    UNION ALL
    SELECT supplier_id, name, kind, criticality, tier, band, likelihood_level, impact_level,
           single_loss_estimate, value_at_risk, net_value_at_risk, rating, assessment_expired, records_shared
      FROM risk_snapshot WHERE period = $1::text)`;

/**
 * Supplier figures summed per group (tier, kind, rating, likelihood, impact, has a current
 * assessment): today's running totals plus the changes not yet folded into them (see the
 * report-rollups migration), so that the report reads a few hundred rows, not every supplier; or a
 * snapshot's suppliers, one row each, in the same shape.
 */
export const TOTALS = `
  r AS (
    SELECT tier, kind, rating, likelihood_level, impact_level, current, suppliers, value_at_risk AS var, net_value_at_risk AS net_var,
           records_public, records_official, records_personal, records_special_category
      FROM supplier_rollup WHERE $1::text IS NULL
    UNION ALL
    SELECT tier, kind, rating, likelihood_level, impact_level, current, suppliers, value_at_risk, net_value_at_risk,
           records_public, records_official, records_personal, records_special_category
      FROM supplier_rollup_delta WHERE $1::text IS NULL
    UNION ALL
    SELECT tier, kind, rating, likelihood_level, impact_level, band IS NOT NULL AND NOT assessment_expired, 1, value_at_risk, net_value_at_risk,
           COALESCE((records_shared->>'public')::bigint, 0), COALESCE((records_shared->>'official')::bigint, 0),
           COALESCE((records_shared->>'personal')::bigint, 0), COALESCE((records_shared->>'special_category')::bigint, 0)
      FROM risk_snapshot WHERE period = $1::text)`;

/** Records by classification, as key/value rows, from sums over TOTALS. */
export const RECORDS_BY_CLASSIFICATION = `CROSS JOIN LATERAL (VALUES ('public', t.p), ('official', t.o), ('personal', t.pe), ('special_category', t.sc)) k(key, n)`;
export const RECORD_SUMS =
  'sum(records_public) AS p, sum(records_official) AS o, sum(records_personal) AS pe, sum(records_special_category) AS sc';

/**
 * One row per supplier, for the lists (top risks, reassessments due): today's suppliers, read through
 * their indexes, or a snapshot's.
 */
export const suppliersOf = (period: string | null) =>
  period === null
    ? `f AS (
         SELECT id AS supplier_id, name, kind, criticality, tier, band, likelihood_level, impact_level,
                single_loss_estimate AS sle, value_at_risk AS var, net_value_at_risk AS net_var, rating, assessment_expired, records_shared AS rs
           FROM supplier WHERE status <> 'offboarded' AND $1::text IS NULL)`
    : `f AS (
         SELECT supplier_id, name, kind, criticality, tier, band, likelihood_level, impact_level,
                single_loss_estimate AS sle, value_at_risk AS var, net_value_at_risk AS net_var, rating, assessment_expired, records_shared AS rs
           FROM risk_snapshot WHERE period = $1::text)`;
