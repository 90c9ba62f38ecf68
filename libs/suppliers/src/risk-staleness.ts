import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock, requestContext } from '@app/platform';
import { reassessmentMonthsByTier, RISK_SETTINGS, type RiskSettings } from '@app/scoring';
import { RiskRecompute } from './risk.recompute.js';

/**
 * The daily run: figures that time alone has changed. A latest completed assessment that has
 * outlived its tier's interval (the band drops a step and the supplier is flagged
 * `assessmentExpired`), and insurance whose policy has expired (net VaR goes back up to VaR).
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
    const due = await this.dataSource.query<{ id: string }[]>(
      `SELECT s.id FROM supplier s
         LEFT JOIN LATERAL (SELECT completed_at FROM assessment a WHERE a.supplier_id = s.id AND a.status = 'completed' ORDER BY completed_at DESC LIMIT 1) latest ON true
        WHERE s.status <> 'offboarded' AND (
              (latest.completed_at IS NOT NULL AND NOT s.assessment_expired
               AND (latest.completed_at AT TIME ZONE 'Europe/London')::date + make_interval(months => ($2::int[])[coalesce(s.tier_override, s.tier)]) < $1::date)
           OR (s.net_value_at_risk < s.value_at_risk
               AND NOT EXISTS (SELECT 1 FROM risk_decision d WHERE d.supplier_id = s.id AND d.current AND d.decision = 'transfer' AND d.expires_on >= $1::date)))`,
      [today, months],
    );
    for (const { id } of due) {
      await requestContext.run({ requestId: `staleness-${today}`, actor: { type: 'system', id: 'risk-staleness' } }, () =>
        this.dataSource.transaction((m) => this.recompute.forSupplier(m, id)),
      );
    }
    if (due.length) this.logger.log({ msg: 'figures changed by time', today, recomputed: due.length });
    return { recomputed: due.length };
  }
}
