import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { entryPointsForPack } from '@app/access-paths';
import { dsptGaps } from '@app/certifications';
import { addDays, Clock, NotFoundError } from '@app/platform';
import { RISK_SETTINGS, type RiskSettings } from '@app/scoring';
import { decisionAlerts, recordsHeldDistinct } from './decision-alerts.query.js';
import {
  byKey,
  dataExposureSection,
  headlineSection,
  LIST_LIMIT,
  topRisksSection,
  type PackQueries,
} from './pack-sections.js';
import { assessmentsSection, decisionsSection, findingsSection, incidentsSection } from './pack-assurance-sections.js';
import type { RegisterRow } from './report-formats.js';
import { FIGURES } from './report-figures.query.js';
import { Snapshots, type SnapshotRef } from './snapshots.js';
import { CLASSIFICATIONS, type ChangesSection, type SupplyChainReport } from './supply-chain-report.types.js';

const num = (v: unknown) => Number(v ?? 0);

export { LIST_LIMIT };
export type { SupplyChainReport };

/**
 * `GET /api/v1/reports/supply-chain`: the committee's pack, as data (`SupplyChainReport`), built
 * section by section (pack-sections.ts, pack-assurance-sections.ts) in one transaction.
 */
@Injectable()
export class SupplyChainReports {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly snapshots: Snapshots,
    private readonly clock: Clock,
    @Inject(RISK_SETTINGS) private readonly settings: RiskSettings,
  ) {}

  /**
   * The pack as of today, or as of a past date: then the supplier figures (headline totals, heat
   * map, top risks, changes) are those of the latest monthly snapshot taken on or before it.
   */
  async build(asOfDate?: string): Promise<SupplyChainReport> {
    const today = this.clock.today();
    const asOf = asOfDate ?? today;
    let basis: SnapshotRef | null = null;
    if (asOfDate && asOfDate < today) {
      basis = await this.snapshots.atOrBefore(asOfDate);
      if (!basis) throw new NotFoundError('REPORT.NO_SNAPSHOT', `No snapshot was taken on or before ${asOfDate}.`);
    }
    const previous = basis
      ? await this.snapshots.before(basis.takenOn, true)
      : await this.snapshots.before(today, true);
    const period = basis?.period ?? null;
    // One repeatable-read transaction for the whole pack: every figure in it is of the same moment,
    // and its queries queue on one connection instead of competing with each other for the server.
    return this.dataSource.transaction('REPEATABLE READ', async (m) => {
      // The queries are started together but run one after another on the transaction's connection.
      let queue: Promise<unknown> = Promise.resolve();
      const run = <T>(sql: string, params: unknown[] = []): Promise<T> => {
        const next = queue.then(() => m.query<T>(sql, params));
        queue = next.catch(() => undefined);
        return next;
      };
      const context: PackQueries = {
        run,
        q: <T>(sql: string, params: unknown[] = []) => run<T[]>(sql, [period, ...params]),
        period,
        asOf,
        since: previous?.takenOn ?? addDays(asOf, -90),
        settings: this.settings,
      };
      // Every section starts its queries before any is awaited.
      const [figures, topRisks, dataExposure, assessments, findings, decided, incidents] = await Promise.all([
        headlineSection(context),
        topRisksSection(context),
        dataExposureSection(context),
        assessmentsSection(context),
        findingsSection(context),
        decisionsSection(context),
        incidentsSection(context),
      ]);
      const changes = previous ? await this.changes(m, period, previous, figures.totals) : null;
      const alerts = await decisionAlerts(m, asOf, LIST_LIMIT);
      // Entry points and the DSPT are today's records (snapshots do not keep them).
      const entryPoints = await entryPointsForPack(m, asOf, LIST_LIMIT);
      const patientDataWithoutDspt = await dsptGaps(m, asOf);
      const heldDistinct = period === null ? await recordsHeldDistinct(m) : null;
      // The sections' fields in the order the pack has always listed them.
      const { tier12, escalatedToGovernance, ...headline } = figures.headline;
      const { currentByType, ...decisions } = decided;

      return {
        generatedAt: this.clock.now().toISOString(),
        asOf,
        basis: basis ? { snapshot: basis.period, takenOn: basis.takenOn } : { snapshot: null, takenOn: today },
        previousSnapshot: previous,
        headline: {
          ...headline,
          // Each dataset once, however many suppliers hold it (today's ledger only; null for a snapshot).
          recordsHeldDistinct:
            heldDistinct &&
            byKey(
              CLASSIFICATIONS,
              Object.entries(heldDistinct).map(([key, n]) => ({ key, n })),
            ),
          tier12,
          escalatedToGovernance,
        },
        heatMap: figures.heatMap,
        topRisks,
        dataExposure: { ...dataExposure, patientDataWithoutDspt },
        entryPoints,
        assessments,
        findings,
        decisions: { currentByType, ...alerts, ...decisions },
        incidents,
        changes,
        trends: await this.snapshots.trend(basis?.takenOn ?? today),
      };
    });
  }

  /** The risk register (CSV): every supplier in scope with its figures, today's or a snapshot's. */
  async register(asOfDate?: string): Promise<RegisterRow[]> {
    const today = this.clock.today();
    let period: string | null = null;
    if (asOfDate && asOfDate < today) {
      const basis = await this.snapshots.atOrBefore(asOfDate);
      if (!basis) throw new NotFoundError('REPORT.NO_SNAPSHOT', `No snapshot was taken on or before ${asOfDate}.`);
      period = basis.period;
    }
    const rows = await this.dataSource.query<
      {
        supplier_id: string;
        name: string;
        kind: string;
        status: string;
        criticality: string;
        tier: number;
        band: string | null;
        likelihood_level: number;
        impact_level: number;
        sle: string;
        var: string;
        net_var: string;
        rating: string;
        assessment_expired: boolean;
        open_findings: string;
        decision: string | null;
      }[]
    >(
      `WITH ${FIGURES}
       SELECT f.*, coalesce(s.status, 'offboarded') AS status,
              (SELECT count(*) FROM finding x WHERE x.supplier_id = f.supplier_id AND x.superseded_at IS NULL AND x.status IN ('open', 'remediation_planned')) AS open_findings,
              (SELECT d.decision FROM risk_decision d WHERE d.supplier_id = f.supplier_id AND d.current) AS decision
         FROM f LEFT JOIN supplier s ON s.id = f.supplier_id
        ORDER BY f.net_var DESC, f.name, f.supplier_id`,
      [period],
    );
    return rows.map((r) => ({
      supplierId: r.supplier_id,
      name: r.name,
      kind: r.kind,
      status: r.status,
      criticality: r.criticality,
      tier: r.tier,
      band: r.band,
      likelihoodLevel: r.likelihood_level,
      impactLevel: r.impact_level,
      singleLossEstimate: num(r.sle),
      valueAtRisk: num(r.var),
      netValueAtRisk: num(r.net_var),
      rating: r.rating,
      assessmentExpired: r.assessment_expired,
      openFindings: num(r.open_findings),
      decision: r.decision,
    }));
  }

  /** What moved between the previous snapshot and these figures. */
  private async changes(
    m: EntityManager,
    period: string | null,
    previous: SnapshotRef,
    totals: { net_var: string; var: string },
  ): Promise<ChangesSection> {
    const moves = await m.query<
      { change: string; supplier_id: string; name: string; was: string | null; now: string | null }[]
    >(
      `WITH ${FIGURES}, p AS (SELECT * FROM risk_snapshot WHERE period = $2)
       SELECT 'new' AS change, f.supplier_id, f.name, NULL AS was, f.rating AS now FROM f WHERE NOT EXISTS (SELECT 1 FROM p WHERE p.supplier_id = f.supplier_id)
       UNION ALL
       SELECT 'offboarded', p.supplier_id, p.name, p.rating, NULL FROM p WHERE NOT EXISTS (SELECT 1 FROM f WHERE f.supplier_id = p.supplier_id)
       UNION ALL
       SELECT CASE WHEN array_position(ARRAY['low', 'medium', 'high', 'critical'], f.rating) > array_position(ARRAY['low', 'medium', 'high', 'critical'], p.rating) THEN 'up' ELSE 'down' END,
              f.supplier_id, f.name, p.rating, f.rating
         FROM f JOIN p USING (supplier_id) WHERE f.rating <> p.rating
       ORDER BY 1, 3`,
      [period, previous.period],
    );
    const [prev] = await m.query<{ var: string; net_var: string }[]>(
      'SELECT value_at_risk AS var, net_value_at_risk AS net_var FROM report_snapshot WHERE period = $1',
      [previous.period],
    );
    const pick = (change: string) =>
      moves
        .filter((m) => m.change === change)
        .map((m) => ({ supplierId: m.supplier_id, name: m.name, from: m.was, to: m.now }));
    return {
      since: previous,
      newSuppliers: pick('new').map(({ supplierId, name }) => ({ supplierId, name })),
      offboarded: pick('offboarded').map(({ supplierId, name }) => ({ supplierId, name })),
      ratingUp: pick('up'),
      ratingDown: pick('down'),
      valueAtRiskChange: num(totals.var) - num(prev.var),
      netValueAtRiskChange: num(totals.net_var) - num(prev.net_var),
    };
  }
}
