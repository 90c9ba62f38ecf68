import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditTrail } from '@app/audit';
import { Clock, NotFoundError, RuleViolationError, type FieldProblem } from '@app/platform';
import { decisionIsCurrent, RISK_SETTINGS, type RiskSettings } from '@app/scoring';
import { RiskRecompute, Supplier } from '@app/suppliers';
import { RiskDecision, type DecisionType } from './risk-decision.entity.js';
import { addMonths } from './findings.service.js';

export interface DecisionInput {
  decision: DecisionType;
  rationale: string;
  reviewDate: string;
  insurer?: string;
  policyRef?: string;
  limit?: number;
  excess?: number;
  expiresOn?: string;
  endLinksBy?: string;
  findingIds?: string[];
}

export type DecisionState = 'current' | 'expired' | 'superseded';

/** A decision as it stands today: superseded by a newer one, or current but lapsed (`decisionIsCurrent` in @app/scoring). */
export function decisionState(d: RiskDecision, today: string): DecisionState {
  if (!d.current) return 'superseded';
  if (!decisionIsCurrent(d, today)) return 'expired';
  return 'current';
}

const snapshot = (d: RiskDecision) => ({
  decision: d.decision,
  rationale: d.rationale,
  reviewDate: d.reviewDate,
  insurer: d.insurer,
  policyRef: d.policyRef,
  limit: d.limit,
  excess: d.excess,
  expiresOn: d.expiresOn,
  endLinksBy: d.endLinksBy,
  findingIds: d.findingIds,
});

/** Risk treatment decisions: one current per supplier, history kept, risk recomputed at once. */
@Injectable()
export class DecisionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    private readonly recompute: RiskRecompute,
    @Inject(RISK_SETTINGS) private readonly settings: RiskSettings,
  ) {}

  async list(supplierId: string): Promise<RiskDecision[]> {
    if (!(await this.dataSource.getRepository(Supplier).existsBy({ id: supplierId })))
      throw new NotFoundError('SUPPLIER.NOT_FOUND', 'No such supplier.');
    return this.dataSource
      .getRepository(RiskDecision)
      .find({ where: { supplierId }, order: { createdAt: 'DESC', id: 'DESC' } });
  }

  /**
   * The current decision of every supplier not offboarded (for governance's review), the soonest to
   * review first, with the supplier's name and net value at risk; optionally of one type.
   */
  async current(
    decision?: DecisionType,
  ): Promise<{ decision: RiskDecision; supplierName: string; netValueAtRisk: number }[]> {
    const qb = this.dataSource
      .getRepository(RiskDecision)
      .createQueryBuilder('d')
      .innerJoin(Supplier, 's', "s.id = d.supplier_id AND s.status <> 'offboarded'")
      .addSelect(['s.name AS supplier_name', 's.net_value_at_risk AS net_value_at_risk'])
      .where('d.current')
      .orderBy('d.review_date', 'ASC')
      .addOrderBy('s.name', 'ASC')
      .limit(1000);
    if (decision) qb.andWhere('d.decision = :decision', { decision });
    const { entities, raw } = await qb.getRawAndEntities<{ supplier_name: string; net_value_at_risk: string }>();
    return entities.map((d, i) => ({
      decision: d,
      supplierName: raw[i].supplier_name,
      netValueAtRisk: Number(raw[i].net_value_at_risk),
    }));
  }

  async record(supplierId: string, input: DecisionInput, actorId: string | null): Promise<RiskDecision> {
    return this.dataSource.transaction(async (m) => {
      const supplier = await m.findOne(Supplier, { where: { id: supplierId }, lock: { mode: 'pessimistic_write' } });
      if (!supplier) throw new NotFoundError('SUPPLIER.NOT_FOUND', 'No such supplier.');
      const today = this.clock.today();
      const problems: FieldProblem[] = [];
      if (input.reviewDate <= today) problems.push({ path: 'reviewDate', message: 'must be after today' });
      const months = this.settings.maxAcceptanceMonths;
      if (input.decision === 'accept' && input.reviewDate > addMonths(today, months))
        problems.push({ path: 'reviewDate', message: `must be at most ${months} months ahead for an acceptance` });
      if (input.decision === 'transfer') {
        for (const field of ['insurer', 'policyRef', 'limit', 'excess', 'expiresOn'] as const) {
          if (input[field] === undefined || input[field] === null)
            problems.push({ path: field, message: 'is required for a transfer (insurance)' });
        }
        if (input.expiresOn && input.expiresOn <= today)
          problems.push({ path: 'expiresOn', message: 'must be after today' });
      }
      if (input.decision === 'avoid') {
        if (!input.endLinksBy)
          problems.push({ path: 'endLinksBy', message: 'is required: when the data-sharing links are to end' });
        else if (input.endLinksBy < today) problems.push({ path: 'endLinksBy', message: 'must be today or later' });
      }
      if (input.decision === 'mitigate') {
        const ids = input.findingIds ?? [];
        if (ids.length === 0)
          problems.push({ path: 'findingIds', message: 'is required: the open findings the plan remediates' });
        else {
          const open = await m.query<{ id: string }[]>(
            "SELECT id FROM finding WHERE id = ANY($1) AND supplier_id = $2 AND superseded_at IS NULL AND status IN ('open', 'remediation_planned')",
            [ids, supplierId],
          );
          const known = new Set(open.map((r) => r.id));
          ids.forEach((id, i) => {
            if (!known.has(id))
              problems.push({ path: `findingIds[${i}]`, message: 'is not an open finding of this supplier' });
          });
        }
      }
      if (problems.length)
        throw new RuleViolationError('DECISION.INVALID', 'The decision is incomplete or inconsistent.', problems);

      // An UPDATE through TypeORM's query answers [rows, count].
      const [[previous]] = await m.query<[{ id: string }[], number]>(
        'UPDATE risk_decision SET current = false, superseded_at = $2 WHERE supplier_id = $1 AND current RETURNING id',
        [supplierId, this.clock.now()],
      );
      const decision = m.create(RiskDecision, {
        supplierId,
        decision: input.decision,
        rationale: input.rationale,
        reviewDate: input.reviewDate,
        insurer: input.decision === 'transfer' ? input.insurer! : null,
        policyRef: input.decision === 'transfer' ? input.policyRef! : null,
        limit: input.decision === 'transfer' ? input.limit! : null,
        excess: input.decision === 'transfer' ? input.excess! : null,
        expiresOn: input.decision === 'transfer' ? input.expiresOn! : null,
        endLinksBy: input.decision === 'avoid' ? input.endLinksBy! : null,
        findingIds: input.decision === 'mitigate' ? input.findingIds! : [],
        current: true,
        decidedBy: actorId,
        supersededAt: null,
      });
      const inserted = await m.insert(RiskDecision, decision as never);
      Object.assign(decision, inserted.generatedMaps[0]);
      await this.audit.record(m, {
        action: 'risk_decision.recorded',
        entityType: 'supplier',
        entityId: supplierId,
        before: previous ? { decisionId: previous.id } : null,
        after: { decisionId: decision.id, ...snapshot(decision) },
      });
      await this.recompute.forSupplier(m, supplierId);
      return decision;
    });
  }
}
