import type { EntityManager } from 'typeorm';
import type { LossExposure } from '@app/scoring';

/** A supplier's figures as the loss distribution needs them, with its name for the tail list. */
export type NamedLossExposure = LossExposure & { name: string };

/**
 * Every supplier not offboarded, in id order (the simulation's draws follow this order, so the same
 * register gives the same figures): its current p, SLE and the insurance its figures were computed
 * with (the current transfer decision's limit and excess, as RiskRecompute recorded it).
 */
export async function lossExposures(manager: Pick<EntityManager, 'query'>): Promise<NamedLossExposure[]> {
  const rows = await manager.query<
    {
      id: string;
      name: string;
      probability: string;
      single_loss_estimate: string;
      insurance: { limit: number; excess: number } | null;
    }[]
  >(
    `SELECT id, name, probability, single_loss_estimate, risk->'valueAtRisk'->'insurance' AS insurance
       FROM supplier WHERE status <> 'offboarded' ORDER BY id`,
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    probability: Number(r.probability),
    singleLossEstimate: Number(r.single_loss_estimate),
    insurance:
      r.insurance && typeof r.insurance === 'object'
        ? { limit: Number(r.insurance.limit), excess: Number(r.insurance.excess) }
        : null,
  }));
}
