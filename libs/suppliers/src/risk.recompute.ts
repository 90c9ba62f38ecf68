import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditTrail } from '@app/audit';
import { Clock } from '@app/platform';
import { currentRisk, inherentRisk, RISK_SETTINGS, type Band, type RiskSettings, type Classification, type CurrentRisk, type InherentRisk, type Insurance, type LatestAssessment, type SharedRecords, type TierOverride } from '@app/scoring';
import { Supplier } from './supplier.entity.js';

/** The figures a change can move, as audited. */
const figures = (s: Pick<Supplier, 'tier' | 'impactLevel' | 'singleLossEstimate' | 'band' | 'probability' | 'likelihoodLevel' | 'valueAtRisk' | 'netValueAtRisk' | 'rating' | 'assessmentExpired'>) => ({
  tier: s.tier,
  impactLevel: s.impactLevel,
  singleLossEstimate: s.singleLossEstimate,
  band: s.band,
  probability: s.probability,
  likelihoodLevel: s.likelihoodLevel,
  valueAtRisk: s.valueAtRisk,
  netValueAtRisk: s.netValueAtRisk,
  rating: s.rating,
  assessmentExpired: s.assessmentExpired,
});

/** Everything a supplier's figures are derived from, read once (the countermeasures re-derive from it). */
export interface RiskInputs {
  inherent: InherentRisk;
  latest: LatestAssessment | null;
  today: string;
  insurance: Insurance | null;
  override: TierOverride | null;
}

/**
 * Told, inside the same transaction, whenever a supplier's figures have been recomputed, with the
 * inputs that made them: figures kept beside them (a finding's risk reduction) are refreshed at once.
 */
export type RiskFollower = (manager: EntityManager, supplierId: string, inputs: RiskInputs) => Promise<void>;

/**
 * Keeps a supplier's figures true (risk-model.md): tier, impact level and single-loss estimate from
 * its active data-sharing links and criticality; likelihood from its latest completed assessment
 * and its age; VaR, net VaR (a current, unexpired transfer decision's insurance) and the rating.
 * Called inside the transaction of every change that moves them: a link, an asset's classification
 * or size, the supplier's criticality or tier override, a completed assessment, a decision, and
 * the daily staleness run.
 */
@Injectable()
export class RiskRecompute {
  private readonly followers: RiskFollower[] = [];

  constructor(
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    @Inject(RISK_SETTINGS) private readonly settings: RiskSettings,
  ) {}

  /** A lib that keeps figures of its own beside the supplier's registers here (at module init). */
  follow(follower: RiskFollower): void {
    this.followers.push(follower);
  }

  async forSupplier(manager: EntityManager, supplierId: string): Promise<Supplier> {
    const supplier = await manager.findOneByOrFail(Supplier, { id: supplierId });
    const inputs = await this.inputs(manager, supplier);
    const risk = this.derive(inputs);
    const before = figures(supplier);
    const after = figures(risk);
    const recordsShared: Record<string, number> = {};
    for (const asset of risk.explanation.singleLossEstimate.assets) recordsShared[asset.classification] = (recordsShared[asset.classification] ?? 0) + asset.records;
    Object.assign(supplier, after, { riskInputs: risk.explanation.singleLossEstimate, risk: risk.explanation, recordsShared });
    await manager.update(Supplier, { id: supplierId }, { ...after, riskInputs: supplier.riskInputs, risk: risk.explanation, recordsShared });
    await this.audit.record(manager, { action: 'supplier.risk_changed', entityType: 'supplier', entityId: supplierId, before, after });
    for (const follower of this.followers) await follower(manager, supplierId, inputs);
    return supplier;
  }

  /** Every supplier with an active link to the asset (its classification or size changed). */
  async forAsset(manager: EntityManager, assetId: string): Promise<void> {
    const rows = await manager.query<{ supplier_id: string }[]>(
      `SELECT DISTINCT supplier_id FROM data_sharing_link WHERE data_asset_id = $1 AND status = 'active'`,
      [assetId],
    );
    for (const row of rows) await this.forSupplier(manager, row.supplier_id);
  }

  /**
   * The figures from their inputs. `bands` replaces the band of named assessments ("what if this
   * assessment scored B"), everything else unchanged: how the countermeasures value a fix.
   */
  derive(inputs: RiskInputs, bands?: ReadonlyMap<string, Band | null>): CurrentRisk {
    const latest = inputs.latest && bands?.has(inputs.latest.assessmentId) ? { ...inputs.latest, band: bands.get(inputs.latest.assessmentId) ?? null } : inputs.latest;
    return currentRisk(inputs.inherent, latest, inputs.today, inputs.insurance, inputs.override, this.settings);
  }

  async inputs(manager: EntityManager, supplier: Pick<Supplier, 'id' | 'criticality' | 'tierOverride' | 'tierOverrideReason'>): Promise<RiskInputs> {
    const links = await manager.query<{ asset_id: string; asset_name: string; classification: Classification; record_count: string }[]>(
      `SELECT a.id AS asset_id, a.name AS asset_name, a.classification, l.record_count
         FROM data_sharing_link l JOIN data_asset a ON a.id = l.data_asset_id
        WHERE l.supplier_id = $1 AND l.status = 'active'`,
      [supplier.id],
    );
    const shared: SharedRecords[] = links.map((l) => ({ assetId: l.asset_id, assetName: l.asset_name, classification: l.classification, recordCount: Number(l.record_count) }));
    const today = this.clock.today();
    const [latest] = await manager.query<{ id: string; band: Band | null; completed_on: string }[]>(
      `SELECT id, score->>'band' AS band, (completed_at AT TIME ZONE 'Europe/London')::date::text AS completed_on
         FROM assessment WHERE supplier_id = $1 AND status = 'completed' ORDER BY completed_at DESC LIMIT 1`,
      [supplier.id],
    );
    const [cover] = await manager.query<{ insurance_limit: string; insurance_excess: string }[]>(
      `SELECT insurance_limit, insurance_excess FROM risk_decision
        WHERE supplier_id = $1 AND current AND decision = 'transfer' AND expires_on >= $2::date`,
      [supplier.id, today],
    );
    const insurance: Insurance | null = cover ? { limit: Number(cover.insurance_limit), excess: Number(cover.insurance_excess) } : null;
    const assessment: LatestAssessment | null = latest ? { assessmentId: latest.id, band: latest.band, completedOn: latest.completed_on } : null;
    const override = supplier.tierOverride ? { tier: supplier.tierOverride as 1 | 2 | 3 | 4, reason: supplier.tierOverrideReason ?? '' } : null;
    return { inherent: inherentRisk(supplier.criticality, shared, this.settings), latest: assessment, today, insurance, override };
  }
}

/** The figures of a supplier that has no active link and no assessment yet (just created). */
export function initialRisk(criticality: Supplier['criticality'], today: string, settings: RiskSettings): CurrentRisk {
  return currentRisk(inherentRisk(criticality, [], settings), null, today, null, null, settings);
}
