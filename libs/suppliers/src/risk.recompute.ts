import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditTrail } from '@app/audit';
import { Clock } from '@app/platform';
import {
  currentRisk,
  inherentRisk,
  withEntryPoints,
  RISK_SETTINGS,
  type Band,
  type CurrentRisk,
  type EntryPoint,
  type InherentRisk,
  type Insurance,
  type LatestAssessment,
  type RiskSettings,
  type TierOverride,
} from '@app/scoring';
import { activeEntryPoints } from './entry-points.query.js';
import {
  currentInsurance,
  heldLinksOf,
  HELD_LINK_PARAMS,
  HELD_LINK_SQL,
  latestSecurityAssessments,
} from './risk-inputs.query.js';
import { Supplier } from './supplier.entity.js';

/** The figures a change can move, as audited. */
const figures = (
  s: Pick<
    Supplier,
    | 'tier'
    | 'impactLevel'
    | 'singleLossEstimate'
    | 'band'
    | 'probability'
    | 'likelihoodLevel'
    | 'valueAtRisk'
    | 'netValueAtRisk'
    | 'rating'
    | 'assessmentExpired'
  >,
) => ({
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
  /** The latest completed assessment of each security questionnaire (the band is the worst of them). */
  latest: LatestAssessment[];
  today: string;
  insurance: Insurance | null;
  override: TierOverride | null;
  entryPoints: EntryPoint[];
}

/**
 * Told, inside the same transaction, whenever a supplier's figures have been recomputed, with the
 * inputs that made them: figures kept beside them (a finding's risk reduction) are refreshed at once.
 */
export type RiskFollower = (manager: EntityManager, supplierId: string, inputs: RiskInputs) => Promise<void>;

/**
 * Keeps a supplier's figures true (risk-model.md): tier, impact level and single-loss estimate from
 * the data-sharing links whose records it holds and its criticality; likelihood from the worst of
 * the latest completed assessment of each security questionnaire, and their age, one step worse for
 * an unprotected way in (access paths); VaR, net VaR (a current transfer decision's insurance: policy
 * not expired, review date not passed) and the rating.
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

  /**
   * `completed`: an assessment completed in this transaction, passed in by its use case (band and
   * score as scored), so the figures never depend on reading back another library's unsaved row.
   */
  async forSupplier(manager: EntityManager, supplierId: string, completed?: LatestAssessment): Promise<Supplier> {
    const supplier = await manager.findOneByOrFail(Supplier, { id: supplierId });
    const inputs = await this.inputs(manager, supplier, completed);
    const risk = this.derive(inputs);
    const before = figures(supplier);
    const after = figures(risk);
    const recordsShared: Record<string, number> = {};
    for (const asset of risk.explanation.singleLossEstimate.assets)
      recordsShared[asset.classification] = (recordsShared[asset.classification] ?? 0) + asset.records;
    Object.assign(supplier, after, {
      riskInputs: risk.explanation.singleLossEstimate,
      risk: risk.explanation,
      recordsShared,
    });
    await manager.update(
      Supplier,
      { id: supplierId },
      { ...after, riskInputs: supplier.riskInputs, risk: risk.explanation, recordsShared },
    );
    await this.audit.record(manager, {
      action: 'supplier.risk_changed',
      entityType: 'supplier',
      entityId: supplierId,
      before,
      after,
    });
    for (const follower of this.followers) await follower(manager, supplierId, inputs);
    return supplier;
  }

  /** Every supplier holding records of the asset (its classification or size changed). */
  async forAsset(manager: EntityManager, assetId: string): Promise<void> {
    const rows = await manager.query<{ supplier_id: string }[]>(
      `SELECT DISTINCT l.supplier_id FROM data_sharing_link l WHERE l.data_asset_id = $1 AND ${HELD_LINK_SQL('$2', '$3')}`,
      [assetId, ...HELD_LINK_PARAMS],
    );
    for (const row of rows) await this.forSupplier(manager, row.supplier_id);
  }

  /**
   * The figures from their inputs. `bands` replaces the band of named assessments ("what if this
   * assessment scored B"), everything else unchanged: how the countermeasures value a fix.
   */
  derive(inputs: RiskInputs, bands?: ReadonlyMap<string, Band | null>): CurrentRisk {
    const latest = bands
      ? inputs.latest.map((a) =>
          bands.has(a.assessmentId) ? { ...a, band: bands.get(a.assessmentId) ?? null, cap: null } : a,
        )
      : inputs.latest;
    const risk = currentRisk(inputs.inherent, latest, inputs.today, inputs.insurance, inputs.override, this.settings);
    // risk-model section 3: an unprotected way in worsens the band used for p by one step.
    return withEntryPoints(risk, inputs.entryPoints, this.settings);
  }

  async inputs(
    manager: EntityManager,
    supplier: Pick<Supplier, 'id' | 'criticality' | 'tierOverride' | 'tierOverrideReason'>,
    completed?: LatestAssessment,
  ): Promise<RiskInputs> {
    const today = this.clock.today();
    const held = await heldLinksOf(manager, supplier.id);
    const latest = withCompleted(
      await latestSecurityAssessments(manager, supplier.id, completed?.assessmentId),
      completed,
    );
    const insurance = await currentInsurance(manager, supplier.id, today);
    const override = supplier.tierOverride
      ? { tier: supplier.tierOverride as 1 | 2 | 3 | 4, reason: supplier.tierOverrideReason ?? '' }
      : null;
    const entryPoints = await activeEntryPoints(manager, supplier.id);
    return {
      inherent: inherentRisk(supplier.criticality, held, this.settings),
      latest,
      today,
      insurance,
      override,
      entryPoints,
    };
  }
}

/** The stored latest assessments with one just completed in its questionnaire's place (the newest of its key). */
function withCompleted(latest: LatestAssessment[], completed: LatestAssessment | undefined): LatestAssessment[] {
  if (!completed) return latest;
  const others = latest.filter((a) => a.questionnaireKey !== completed.questionnaireKey);
  return [...others, completed].sort((a, b) => (a.questionnaireKey ?? '').localeCompare(b.questionnaireKey ?? ''));
}

/** The figures of a supplier that has no active link and no assessment yet (just created). */
export function initialRisk(criticality: Supplier['criticality'], today: string, settings: RiskSettings): CurrentRisk {
  return currentRisk(inherentRisk(criticality, [], settings), null, today, null, null, settings);
}
