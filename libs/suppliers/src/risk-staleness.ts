import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock, requestContext } from '@app/platform';
import { reassessmentMonthsByTier, RISK_SETTINGS, type RiskSettings } from '@app/scoring';
import { CURRENT_TRANSFER_SQL } from './risk-inputs.query.js';
import { RiskRecompute } from './risk.recompute.js';

/**
 * The daily run: figures that time alone has changed. A counting assessment that has outlived its
 * tier's interval (its band drops a step and the supplier is flagged `assessmentExpired`), and
 * insurance no longer current: policy expired or review date passed (net VaR goes back up to VaR).
 * Each supplier is recomputed in its own transaction, audited as a system change.
 */
@Injectable()
export class RiskStaleness {
  private readonly logger = new Logger('RiskStaleness');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly recompute: RiskRecompute,
    private readonly clock: Clock,
    @Inject(RISK_SETTINGS) private readonly settings: RiskSettings,
  ) {}

  async run(): Promise<{ recomputed: number }> {
    const today = this.clock.today();
    const months = reassessmentMonthsByTier(this.settings);
    // A counting assessment (the latest of a security questionnaire) that outlived the interval, or
    // insurance that stopped being current (policy expired or review date passed).
    const due = await this.dataSource.query<{ id: string }[]>(
      `SELECT s.id FROM supplier s
        WHERE s.status <> 'offboarded' AND (
              (NOT s.assessment_expired AND EXISTS (
                 SELECT 1 FROM (SELECT DISTINCT ON (a.questionnaire_key) a.completed_at
                                  FROM assessment a JOIN questionnaire_version v ON v.id = a.questionnaire_version_id
                                 WHERE a.supplier_id = s.id AND a.status = 'completed' AND v.purpose = 'security'
                                 ORDER BY a.questionnaire_key, a.completed_at DESC) latest
                  WHERE (latest.completed_at AT TIME ZONE 'Europe/London')::date + make_interval(months => ($2::int[])[coalesce(s.tier_override, s.tier)]) < $1::date))
           OR (s.net_value_at_risk < s.value_at_risk AND NOT EXISTS (${CURRENT_TRANSFER_SQL('s.id', '$1')})))`,
      [today, months],
    );
    for (const { id } of due) {
      await requestContext.run(
        { requestId: `staleness-${today}`, actor: { type: 'system', id: 'risk-staleness' } },
        () => this.dataSource.transaction((m) => this.recompute.forSupplier(m, id)),
      );
    }
    if (due.length) this.logger.log({ msg: 'figures changed by time', today, recomputed: due.length });
    return { recomputed: due.length };
  }
}
