import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditTrail } from '@app/audit';
import { Clock, londonDate } from '@app/platform';
import { questionnaireVersionById } from '@app/questionnaires';
import { FindingsService } from '@app/risk';
import { RISK_SETTINGS, type RiskSettings } from '@app/scoring';
import { RiskRecompute, Supplier } from '@app/suppliers';
import { transition } from './assessment-state.js';
import { Assessment } from './assessment.entity.js';
import { scoreOf } from './score.js';

/**
 * The final score, the findings it raises (superseding the earlier ones of the same questionnaire)
 * and the supplier's risk recomputed from that score (passed in, not read back), in one transaction. An incident follow-up is never scored:
 * completing it raises no finding and leaves the supplier's band and figures alone (its answers
 * belong to the incident).
 */
@Injectable()
export class CompleteAssessment {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    private readonly findings: FindingsService,
    private readonly risk: RiskRecompute,
    @Inject(RISK_SETTINGS) private readonly settings: RiskSettings,
  ) {}

  async complete(id: string): Promise<Assessment> {
    return transition(
      this.dataSource,
      this.audit,
      { id, from: ['submitted'], verb: 'complete', auditAction: 'assessment.completed' },
      async (m, a) => {
        a.status = 'completed';
        a.completedAt = this.clock.now();
        a.score = await scoreOf(m, a, 'final', this.clock.now(), this.settings);
        await m.save(Assessment, a);
        const version = await questionnaireVersionById(m, a.questionnaireVersionId);
        if (version.purpose !== 'security') return;
        const where = new Map(
          version.definition.sections.flatMap((section) =>
            section.questions.map((q) => [q.code, { text: q.text, section: section.title }] as const),
          ),
        );
        const supplier = await m.findOneByOrFail(Supplier, { id: a.supplierId });
        await this.findings.raise(
          m,
          a.supplierId,
          a.id,
          supplier.ownerId,
          a.score.findings.map((f) => ({
            ...f,
            questionText: where.get(f.questionCode)?.text ?? f.questionCode,
            sectionTitle: where.get(f.questionCode)?.section ?? '',
            mappings: f.mappings ?? [],
          })),
        );
        const s = a.score;
        await this.risk.forSupplier(m, a.supplierId, {
          assessmentId: a.id,
          questionnaireKey: a.questionnaireKey,
          band: s.band,
          completedOn: londonDate(a.completedAt),
          overall: s.overall,
          uncappedBand: s.uncappedBand ?? s.band,
          cap: s.cap ?? null,
        });
      },
    );
  }
}
