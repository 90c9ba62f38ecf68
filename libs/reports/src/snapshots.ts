import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '@app/platform';

export interface SnapshotRef {
  period: string;
  takenOn: string;
}

/**
 * Monthly snapshots of every supplier's figures (not offboarded), one per calendar month: taking
 * one twice in a month, or from two workers at once, keeps the first. Reports read them for trends,
 * for `asOf`, and for what changed since the previous one.
 */
@Injectable()
export class Snapshots {
  private readonly logger = new Logger('Snapshots');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Takes this month's snapshot unless it exists; answers it and whether this call made it. */
  async take(): Promise<SnapshotRef & { created: boolean }> {
    const today = this.clock.today();
    const period = today.slice(0, 7);
    const created = await this.dataSource.transaction(async (m) => {
      const [row] = await m.query<{ period: string }[]>(
        `INSERT INTO report_snapshot (period, taken_on, taken_at, suppliers, value_at_risk, net_value_at_risk, ratings)
         SELECT $1, $2::date, $3, count(*), coalesce(sum(value_at_risk), 0), coalesce(sum(net_value_at_risk), 0),
                jsonb_build_object('low', count(*) FILTER (WHERE rating = 'low'), 'medium', count(*) FILTER (WHERE rating = 'medium'),
                                   'high', count(*) FILTER (WHERE rating = 'high'), 'critical', count(*) FILTER (WHERE rating = 'critical'))
           FROM supplier WHERE status <> 'offboarded'
         ON CONFLICT (period) DO NOTHING RETURNING period`,
        [period, today, this.clock.now()],
      );
      if (!row) return false;
      await m.query(
        `INSERT INTO risk_snapshot (period, supplier_id, name, kind, status, criticality, tier, band, likelihood_level, impact_level,
                                    single_loss_estimate, value_at_risk, net_value_at_risk, rating, assessment_expired, records_shared)
         SELECT $1, id, name, kind, status, criticality, tier, band, likelihood_level, impact_level,
                single_loss_estimate, value_at_risk, net_value_at_risk, rating, assessment_expired, records_shared
           FROM supplier WHERE status <> 'offboarded'`,
        [period],
      );
      return true;
    });
    if (created) this.logger.log({ msg: 'monthly snapshot taken', period });
    const [ref] = await this.dataSource.query<{ taken_on: string }[]>(
      'SELECT taken_on::text FROM report_snapshot WHERE period = $1',
      [period],
    );
    return { period, takenOn: ref.taken_on, created };
  }

  /** The latest snapshot taken on or before the date, or null. */
  async atOrBefore(date: string): Promise<SnapshotRef | null> {
    const [row] = await this.dataSource.query<{ period: string; taken_on: string }[]>(
      'SELECT period, taken_on::text FROM report_snapshot WHERE taken_on <= $1::date ORDER BY taken_on DESC LIMIT 1',
      [date],
    );
    return row ? { period: row.period, takenOn: row.taken_on } : null;
  }

  /** The snapshot before the given one (or the latest when none is given, for a report on today's figures). */
  async before(date: string, strictly: boolean): Promise<SnapshotRef | null> {
    const [row] = await this.dataSource.query<{ period: string; taken_on: string }[]>(
      `SELECT period, taken_on::text FROM report_snapshot WHERE taken_on ${strictly ? '<' : '<='} $1::date ORDER BY taken_on DESC LIMIT 1`,
      [date],
    );
    return row ? { period: row.period, takenOn: row.taken_on } : null;
  }

  /** The last 12 snapshots, oldest first: the trend lines. */
  async trend(until: string): Promise<
    {
      period: string;
      suppliers: number;
      valueAtRisk: number;
      netValueAtRisk: number;
      ratings: Record<string, number>;
    }[]
  > {
    const rows = await this.dataSource.query<
      {
        period: string;
        suppliers: number;
        value_at_risk: string;
        net_value_at_risk: string;
        ratings: Record<string, number>;
      }[]
    >(
      'SELECT period, suppliers, value_at_risk, net_value_at_risk, ratings FROM (SELECT * FROM report_snapshot WHERE taken_on <= $1::date ORDER BY period DESC LIMIT 12) t ORDER BY period',
      [until],
    );
    return rows.map((r) => ({
      period: r.period,
      suppliers: r.suppliers,
      valueAtRisk: Number(r.value_at_risk),
      netValueAtRisk: Number(r.net_value_at_risk),
      ratings: r.ratings,
    }));
  }
}
