import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/**
 * The report's running totals (see the report-rollups migration). Writers append deltas; this folds
 * them into the totals so that the report's reads stay small. The report is exact with or without
 * it: folding only moves rows from one table to the other.
 */
@Injectable()
export class ReportRollups {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Folds pending deltas into the totals (the worker, every minute), then reclaims the delta tables' space. */
  async compact(): Promise<{ supplierDeltas: number; findingDeltas: number }> {
    const [pending] = await this.dataSource.query<{ s: string; f: string }[]>(
      'SELECT (SELECT count(*) FROM supplier_rollup_delta) AS s, (SELECT count(*) FROM finding_rollup_delta) AS f',
    );
    await this.dataSource.transaction((m) => m.query('SELECT report_rollups_compact()'));
    // Outside a transaction: deleted deltas would otherwise stay as dead rows every report scans.
    await this.dataSource.query('VACUUM supplier_rollup_delta, finding_rollup_delta');
    return { supplierDeltas: Number(pending.s), findingDeltas: Number(pending.f) };
  }
}
