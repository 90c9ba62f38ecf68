import type { EntityManager } from 'typeorm';
import { accessPathsExposure, type ExposedAccessPath } from '@app/access-paths';
import { HELD_LINK_PARAMS, HELD_LINK_SQL } from '@app/suppliers';

export interface ExposedLink {
  linkId: string;
  status: string;
  assetId: string;
  asset: string;
  classification: string;
  categories: string[];
  records: number;
  pseudonymisation: string;
  article6Basis: string | null;
  article9Condition: string | null;
  agreementType: string | null;
  agreementRef: string | null;
  reviewDate: string | null;
  endDate: string | null;
  destructionConfirmedOn: string | null;
  processingLocation: string;
  processingCountry: string | null;
  owner: { name: string; email: string } | null;
}

export interface Exposure {
  computedAt: string;
  supplier: { id: string; name: string; kind: string; criticality: string };
  links: ExposedLink[];
  /** Its ways into our systems (active, or disabled by an incident) and the data reachable through each. */
  accessPaths: ExposedAccessPath[];
  /** Records held (no incident has yet said what was taken): per asset the largest link counts, the same records shared twice are not counted twice. */
  records: { total: number; byClassification: Record<string, number>; byCategory: Record<string, number> };
  contacts: { name: string; email: string; phone: string | null; role: string }[];
  internalOwners: { name: string; email: string; of: string }[];
  risk: {
    tier: number;
    band: string | null;
    probability: number;
    singleLossEstimate: number;
    valueAtRisk: number;
    netValueAtRisk: number;
    rating: string;
    assessmentExpired: boolean;
  };
  openFindings: {
    total: number;
    bySeverity: Record<string, number>;
    items: { id: string; questionCode: string; severity: string; questionText: string }[];
  };
}

/**
 * What a breached supplier holds of ours, computed in SQL in a handful of statements whatever the
 * size of the ledger: every data asset it still holds by the rule of risk-model section 4 (an
 * outbound or two-way link, active, suspended, or ended without confirmed destruction), with
 * record counts by classification and category, the legal basis
 * and agreement, where it is processed, whom to call there and who owns it here, its current risk
 * figures and its open findings.
 */
export async function exposureOf(m: EntityManager, supplierId: string, at: Date): Promise<Exposure> {
  const [supplier] = await m.query<
    {
      id: string;
      name: string;
      kind: string;
      criticality: string;
      tier: number;
      band: string | null;
      probability: string;
      single_loss_estimate: string;
      value_at_risk: string;
      net_value_at_risk: string;
      rating: string;
      assessment_expired: boolean;
      owner_name: string | null;
      owner_email: string | null;
    }[]
  >(
    `SELECT s.id, s.name, s.kind, s.criticality, s.tier, s.band, s.probability, s.single_loss_estimate, s.value_at_risk, s.net_value_at_risk, s.rating, s.assessment_expired,
            u.name AS owner_name, u.email::text AS owner_email
       FROM supplier s LEFT JOIN app_user u ON u.id = s.owner_id WHERE s.id = $1`,
    [supplierId],
  );
  const links = await m.query<
    {
      link_id: string;
      status: string;
      asset_id: string;
      asset: string;
      classification: string;
      categories: string[];
      records: string;
      pseudonymisation: string;
      article6_basis: string | null;
      article9_condition: string | null;
      agreement_type: string | null;
      agreement_ref: string | null;
      review_date: string | null;
      end_date: string | null;
      destruction_confirmed_on: string | null;
      processing_location: string;
      processing_country: string | null;
      owner_name: string | null;
      owner_email: string | null;
    }[]
  >(
    `SELECT l.id AS link_id, l.status, a.id AS asset_id, a.name AS asset, a.classification, a.categories, l.record_count AS records, l.pseudonymisation,
            l.article6_basis, l.article9_condition, l.agreement_type, l.agreement_ref, l.review_date::text, l.end_date::text, l.destruction_confirmed_on::text, l.processing_location, l.processing_country,
            u.name AS owner_name, u.email::text AS owner_email
       FROM data_sharing_link l JOIN data_asset a ON a.id = l.data_asset_id LEFT JOIN app_user u ON u.id = a.owner_id
      WHERE l.supplier_id = $1 AND ${HELD_LINK_SQL('$2', '$3')}
      ORDER BY l.record_count DESC, a.name, l.id`,
    [supplierId, ...HELD_LINK_PARAMS],
  );
  const [totals] = await m.query<
    { total: string; by_classification: Record<string, string> | null; by_category: Record<string, string> | null }[]
  >(
    `WITH per_asset AS (
       SELECT a.id, a.classification, a.categories, max(l.record_count) AS records
         FROM data_sharing_link l JOIN data_asset a ON a.id = l.data_asset_id
        WHERE l.supplier_id = $1 AND ${HELD_LINK_SQL('$2', '$3')}
        GROUP BY a.id, a.classification, a.categories)
     SELECT (SELECT coalesce(sum(records), 0) FROM per_asset) AS total,
            (SELECT jsonb_object_agg(classification, n) FROM (SELECT classification, sum(records) AS n FROM per_asset GROUP BY classification) c) AS by_classification,
            (SELECT jsonb_object_agg(category, n) FROM (SELECT c.category, sum(records) AS n FROM per_asset, unnest(per_asset.categories) AS c(category) GROUP BY c.category) k) AS by_category`,
    [supplierId, ...HELD_LINK_PARAMS],
  );
  const contacts = await m.query<{ name: string; email: string; phone: string | null; role: string }[]>(
    `SELECT name, email::text, phone, role FROM supplier_contact WHERE supplier_id = $1
      ORDER BY array_position(ARRAY['security', 'dpo', 'escalation', 'primary'], role), position`,
    [supplierId],
  );
  const findings = await m.query<{ id: string; question_code: string; severity: string; question_text: string }[]>(
    `SELECT id, question_code, severity, question_text FROM finding
      WHERE supplier_id = $1 AND superseded_at IS NULL AND status IN ('open', 'remediation_planned')
      ORDER BY array_position(ARRAY['critical', 'high', 'medium', 'low'], severity), question_code`,
    [supplierId],
  );
  const owners = new Map<string, { name: string; email: string; of: string }>();
  if (supplier.owner_email)
    owners.set(supplier.owner_email, {
      name: supplier.owner_name ?? supplier.owner_email,
      email: supplier.owner_email,
      of: 'supplier',
    });
  for (const l of links)
    if (l.owner_email && !owners.has(l.owner_email))
      owners.set(l.owner_email, {
        name: l.owner_name ?? l.owner_email,
        email: l.owner_email,
        of: `data asset ${l.asset}`,
      });
  const numbers = (o: Record<string, string> | null) =>
    Object.fromEntries(Object.entries(o ?? {}).map(([k, v]) => [k, Number(v)]));
  return {
    computedAt: at.toISOString(),
    supplier: { id: supplier.id, name: supplier.name, kind: supplier.kind, criticality: supplier.criticality },
    links: links.map((l) => ({
      linkId: l.link_id,
      status: l.status,
      assetId: l.asset_id,
      asset: l.asset,
      classification: l.classification,
      categories: l.categories,
      records: Number(l.records),
      pseudonymisation: l.pseudonymisation,
      article6Basis: l.article6_basis,
      article9Condition: l.article9_condition,
      agreementType: l.agreement_type,
      agreementRef: l.agreement_ref,
      reviewDate: l.review_date,
      endDate: l.end_date,
      destructionConfirmedOn: l.destruction_confirmed_on,
      processingLocation: l.processing_location,
      processingCountry: l.processing_country,
      owner: l.owner_email ? { name: l.owner_name ?? l.owner_email, email: l.owner_email } : null,
    })),
    accessPaths: await accessPathsExposure(m, supplierId),
    records: {
      total: Number(totals.total),
      byClassification: numbers(totals.by_classification),
      byCategory: numbers(totals.by_category),
    },
    contacts,
    internalOwners: [...owners.values()],
    risk: {
      tier: supplier.tier,
      band: supplier.band,
      probability: Number(supplier.probability),
      singleLossEstimate: Number(supplier.single_loss_estimate),
      valueAtRisk: Number(supplier.value_at_risk),
      netValueAtRisk: Number(supplier.net_value_at_risk),
      rating: supplier.rating,
      assessmentExpired: supplier.assessment_expired,
    },
    openFindings: {
      total: findings.length,
      bySeverity: findings.reduce<Record<string, number>>(
        (acc, f) => ({ ...acc, [f.severity]: (acc[f.severity] ?? 0) + 1 }),
        {},
      ),
      items: findings.map((f) => ({
        id: f.id,
        questionCode: f.question_code,
        severity: f.severity,
        questionText: f.question_text,
      })),
    },
  };
}
