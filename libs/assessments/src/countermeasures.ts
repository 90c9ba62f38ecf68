import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditTrail } from '@app/audit';
import { SEVERITIES, type Severity } from '@app/risk';
import type { QuestionnaireDefinition } from '@app/questionnaires';
import {
  BANDS,
  pathToBand,
  reductionPerPound,
  riskReductions,
  RISK_SETTINGS,
  scoreAssessment,
  withQuestionsMet,
  type Band,
  type PathToBand,
  type RiskSettings,
  type ScoredAnswer,
  type WhatIf,
} from '@app/scoring';
import { RiskRecompute, Supplier, type RiskInputs } from '@app/suppliers';
import { Assessment } from './assessment.entity.js';
import { scoringInputs } from './score.js';

/** Finding statuses still open to a fix: the candidates of actions and paths. */
export const OPEN_FINDING_STATUSES = ['open', 'remediation_planned'] as const;

/** One entry of the portfolio action list (api.md "Countermeasures"). */
export interface CountermeasureAction {
  findingId: string;
  supplierId: string;
  supplierName: string;
  questionCode: string;
  questionText: string;
  severity: Severity;
  status: string;
  riskReduction: number | null;
  remediationCost: number | null;
  reductionPerPound: number | null;
}

export interface SupplierPath extends PathToBand {
  supplierId: string;
  supplierName: string;
  band: Band | null;
}

interface FindingRow {
  id: string;
  assessment_id: string;
  question_code: string;
  status: string;
}

/**
 * Countermeasures (risk-model.md section 10). Each finding's risk reduction is kept beside it and
 * refreshed whenever the supplier's figures are (RiskRecompute tells us, in its transaction); the
 * paths to band B are worked out when asked, from the open findings of the moment.
 */
@Injectable()
export class Countermeasures {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly recompute: RiskRecompute,
    private readonly audit: AuditTrail,
    @Inject(RISK_SETTINGS) private readonly settings: RiskSettings,
  ) {
    // Followed from the moment the provider exists, not from a lifecycle hook: an application used
    // before init() (the demo seeds its register so) completed reviews whose findings were never
    // valued, and "What to fix first" listed them as "not yet valued" below the £0 ones.
    this.recompute.follow((m, supplierId, inputs) => this.refresh(m, supplierId, inputs));
  }

  /** Every current finding of the supplier gets the net VaR its fix would remove; changes are audited. */
  async refresh(m: EntityManager, supplierId: string, inputs: RiskInputs): Promise<void> {
    const rows = await m.query<(FindingRow & { risk_reduction: string | null })[]>(
      'SELECT id, assessment_id, question_code, status, risk_reduction FROM finding WHERE supplier_id = $1 AND superseded_at IS NULL ORDER BY id',
      [supplierId],
    );
    if (rows.length === 0) return;
    const evaluate = await this.whatIf(m, inputs, rows);
    const reductions = riskReductions(
      rows.map((r) => r.id),
      evaluate,
    );
    const changed = rows.filter(
      (r) => (r.risk_reduction === null ? null : Number(r.risk_reduction)) !== reductions.get(r.id),
    );
    if (changed.length === 0) return;
    await m.query(
      'UPDATE finding f SET risk_reduction = v.reduction FROM unnest($1::uuid[], $2::numeric[]) AS v(id, reduction) WHERE f.id = v.id',
      [changed.map((r) => r.id), changed.map((r) => reductions.get(r.id))],
    );
    await this.audit.recordMany(
      m,
      changed.map((r) => ({
        action: 'finding.risk_reduction_changed',
        entityType: 'finding',
        entityId: r.id,
        before: { riskReduction: r.risk_reduction === null ? null : Number(r.risk_reduction) },
        after: { riskReduction: reductions.get(r.id) ?? null },
      })),
    );
  }

  /** Open findings of suppliers not offboarded, the largest reduction first, then the most severe. */
  async actions(supplierId?: string): Promise<CountermeasureAction[]> {
    const rows = await this.dataSource.query<
      {
        id: string;
        supplier_id: string;
        supplier_name: string;
        question_code: string;
        question_text: string;
        severity: Severity;
        status: string;
        risk_reduction: string | null;
        remediation_cost: string | null;
      }[]
    >(
      `SELECT f.id, f.supplier_id, s.name AS supplier_name, f.question_code, f.question_text, f.severity, f.status, f.risk_reduction, f.remediation_cost
         FROM finding f JOIN supplier s ON s.id = f.supplier_id
        WHERE f.superseded_at IS NULL AND f.status = ANY($1) AND s.status <> 'offboarded' AND ($3::uuid IS NULL OR f.supplier_id = $3)
        ORDER BY f.risk_reduction DESC NULLS LAST, array_position($2::text[], f.severity), s.name, f.question_code, f.id`,
      [OPEN_FINDING_STATUSES, SEVERITIES, supplierId ?? null],
    );
    return rows.map((r) => {
      const riskReduction = r.risk_reduction === null ? null : Number(r.risk_reduction);
      const remediationCost = r.remediation_cost === null ? null : Number(r.remediation_cost);
      return {
        findingId: r.id,
        supplierId: r.supplier_id,
        supplierName: r.supplier_name,
        questionCode: r.question_code,
        questionText: r.question_text,
        severity: r.severity,
        status: r.status,
        riskReduction,
        remediationCost,
        reductionPerPound: reductionPerPound(riskReduction, remediationCost),
      };
    });
  }

  /** Each supplier (not offboarded) below band `target`, with its path there; the worst net VaR first. */
  async paths(target: Band = 'B'): Promise<SupplierPath[]> {
    const below = await this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM supplier WHERE status <> 'offboarded' AND band = ANY($1) ORDER BY net_value_at_risk DESC, name, id`,
      [BANDS.slice(BANDS.indexOf(target) + 1)],
    );
    const out: SupplierPath[] = [];
    for (const { id } of below) out.push(await this.pathFor(id, target));
    return out;
  }

  /** The fewest open findings whose fixing lifts the supplier to `target` or better, or why none does. */
  async pathFor(supplierId: string, target: Band = 'B'): Promise<SupplierPath> {
    return this.dataSource.transaction('REPEATABLE READ', async (m) => {
      const supplier = await m.findOneOrFail(Supplier, {
        where: { id: supplierId },
        select: { id: true, name: true, band: true, criticality: true, tierOverride: true, tierOverrideReason: true },
      });
      const inputs = await this.recompute.inputs(m, supplier);
      const rows = await m.query<FindingRow[]>(
        'SELECT id, assessment_id, question_code, status FROM finding WHERE supplier_id = $1 AND superseded_at IS NULL AND status = ANY($2) ORDER BY id',
        [supplierId, OPEN_FINDING_STATUSES],
      );
      const path = pathToBand(
        rows.map((r) => r.id),
        await this.whatIf(m, inputs, rows),
        target,
      );
      return { supplierId, supplierName: supplier.name, band: supplier.band as Band | null, ...path };
    });
  }

  /**
   * "What if these findings were fixed": their questions counted at s = 1 in their assessments,
   * re-scored by scoreAssessment, and the supplier's figures re-derived by RiskRecompute.derive
   * with those assessments' new bands, everything else as it is. No fix: the figures as they are.
   */
  private async whatIf(m: EntityManager, inputs: RiskInputs, findings: FindingRow[]): Promise<WhatIf> {
    const assessments = new Map<
      string,
      { definition: QuestionnaireDefinition; answers: Map<string, ScoredAnswer>; overall: number }
    >();
    for (const assessmentId of new Set(findings.map((f) => f.assessment_id))) {
      const assessment = await m.findOneOrFail(Assessment, {
        where: { id: assessmentId },
        select: { id: true, questionnaireVersionId: true },
      });
      const { definition, answers } = await scoringInputs(m, assessment);
      assessments.set(assessmentId, {
        definition,
        answers,
        overall: scoreAssessment(definition, answers, this.settings).overall ?? 0,
      });
    }
    const byId = new Map(findings.map((f) => [f.id, f]));
    const baseProgress = [...assessments.values()].reduce((sum, a) => sum + a.overall, 0);
    return (fixed) => {
      if (fixed.size === 0) {
        const now = this.recompute.derive(inputs);
        return { band: now.band, netValueAtRisk: now.netValueAtRisk, progress: baseProgress };
      }
      const codes = new Map<string, string[]>();
      for (const id of fixed) {
        const f = byId.get(id)!;
        codes.set(f.assessment_id, [...(codes.get(f.assessment_id) ?? []), f.question_code]);
      }
      const bands = new Map<string, Band | null>();
      let progress = baseProgress;
      for (const [assessmentId, questionCodes] of codes) {
        const a = assessments.get(assessmentId)!;
        const score = scoreAssessment(a.definition, withQuestionsMet(a.answers, questionCodes), this.settings);
        bands.set(assessmentId, score.band);
        progress += (score.overall ?? 0) - a.overall;
      }
      const after = this.recompute.derive(inputs, bands);
      return { band: after.band, netValueAtRisk: after.netValueAtRisk, progress };
    };
  }
}
