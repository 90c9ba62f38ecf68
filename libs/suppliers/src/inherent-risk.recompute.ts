import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditTrail } from '@app/audit';
import { inherentRisk, type Classification, type SharedRecords } from '@app/scoring';
import { Supplier } from './supplier.entity.js';

/**
 * Keeps a supplier's inherent tier, impact level and single-loss estimate true to its active
 * data-sharing links and criticality. Called inside the transaction of every change that moves
 * them (a link, an asset's classification or size, the supplier's criticality).
 */
@Injectable()
export class InherentRiskRecompute {
  constructor(private readonly audit: AuditTrail) {}

  async forSupplier(manager: EntityManager, supplierId: string): Promise<Supplier> {
    const supplier = await manager.findOneByOrFail(Supplier, { id: supplierId });
    const links = await manager.query<{ asset_id: string; asset_name: string; classification: Classification; record_count: string }[]>(
      `SELECT a.id AS asset_id, a.name AS asset_name, a.classification, l.record_count
         FROM data_sharing_link l JOIN data_asset a ON a.id = l.data_asset_id
        WHERE l.supplier_id = $1 AND l.status = 'active'`,
      [supplierId],
    );
    const shared: SharedRecords[] = links.map((l) => ({
      assetId: l.asset_id,
      assetName: l.asset_name,
      classification: l.classification,
      recordCount: Number(l.record_count),
    }));
    const risk = inherentRisk(supplier.criticality, shared);
    const before = { tier: supplier.tier, impactLevel: supplier.impactLevel, singleLossEstimate: supplier.singleLossEstimate };
    const after = { tier: risk.tier, impactLevel: risk.impactLevel, singleLossEstimate: risk.singleLossEstimate };
    supplier.tier = risk.tier;
    supplier.impactLevel = risk.impactLevel;
    supplier.singleLossEstimate = risk.singleLossEstimate;
    supplier.riskInputs = risk.explanation;
    await manager.update(Supplier, { id: supplierId }, { tier: risk.tier, impactLevel: risk.impactLevel, singleLossEstimate: risk.singleLossEstimate, riskInputs: risk.explanation });
    await this.audit.record(manager, { action: 'supplier.inherent_risk_changed', entityType: 'supplier', entityId: supplierId, before, after });
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
}

/** The figures of a supplier that has no active link yet (just created). */
export function initialRisk(criticality: Supplier['criticality']) {
  return inherentRisk(criticality, []);
}
