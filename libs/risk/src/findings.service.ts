import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsNull, type DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { AuditTrail } from '@app/audit';
import {
  addDays,
  Clock,
  ConflictError,
  databaseSnapshot,
  DomainError,
  NotFoundError,
  RuleViolationError,
  SnapshotMemo,
  requestContext,
  sortOrder,
  type FieldProblem,
} from '@app/platform';
import { RISK_SETTINGS, type RiskSettings } from '@app/scoring';
import { Finding, FINDING_STATUSES, type FindingStatus, type Severity } from './finding.entity.js';

/**
 * The fields the finding list sorts by (`?sort=field` or `-field`), also declared in the OpenAPI
 * document. `severity` ascends from low to critical (the default, `-severity`, is most serious first,
 * then the earliest due); `status` follows the lifecycle (open, remediation_planned, resolved, accepted).
 */
export const FINDING_SORTS: readonly string[] = ['severity', 'dueDate', 'status', 'createdAt', 'riskReduction'];
/** A finding's severity as a rank, critical 1 to low 4: the expression finding_board_order indexes (migrations). */
const SEVERITY_RANK = "(CASE f.severity WHEN 'critical' THEN 1 WHEN 'high' THEN 2 WHEN 'medium' THEN 3 ELSE 4 END)";

/** A finding as the final score raised it, with the question's words. */
export interface RaisedFinding {
  questionCode: string;
  questionText: string;
  sectionTitle: string;
  severity: Severity;
  answer: unknown;
  comment: string | null;
  mappings: { framework: string; ref: string }[];
  recommendation: string | null;
}

export interface FindingQuery {
  supplierId?: string;
  assessmentId?: string;
  severity?: Severity;
  status?: FindingStatus;
  framework?: string;
  overdue?: boolean;
  includeSuperseded?: boolean;
  sort?: string;
  page: number;
  pageSize: number;
  /** false: the page only, without counting every match (the dashboard's first 50); `total` is then the page's length. */
  withTotal?: boolean;
}

export interface FindingUpdate {
  ownerId?: string | null;
  dueDate?: string | null;
  plannedAction?: string | null;
  status?: FindingStatus;
  resolutionEvidence?: string | null;
  acceptanceReason?: string | null;
  acceptedUntil?: string | null;
  /** GBP, procurement's estimate with the plan (risk-model section 10). */
  remediationCost?: number | null;
}

const snapshot = (f: Finding) => ({
  status: f.status,
  ownerId: f.ownerId,
  dueDate: f.dueDate,
  plannedAction: f.plannedAction,
  resolutionEvidence: f.resolutionEvidence,
  acceptanceReason: f.acceptanceReason,
  acceptedUntil: f.acceptedUntil,
  remediationCost: f.remediationCost,
});

export function addMonths(date: string, months: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

/** Findings: raised by final scores, tracked to remediation or acceptance. */
@Injectable()
export class FindingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    @Inject(RISK_SETTINGS) private readonly settings: RiskSettings,
  ) {}

  /**
   * In the completing transaction: the supplier's earlier findings from the same questionnaire
   * (same key) are superseded (another questionnaire's stay as they are), and one finding per
   * question that fell short is raised, owned by the supplier's owner, due by severity (settings).
   */
  async raise(
    m: EntityManager,
    supplierId: string,
    assessmentId: string,
    ownerId: string | null,
    findings: RaisedFinding[],
  ): Promise<Finding[]> {
    await m.query(
      `UPDATE finding f SET superseded_at = $2, updated_at = now()
         FROM assessment earlier, assessment completing
        WHERE f.supplier_id = $1 AND f.superseded_at IS NULL AND f.assessment_id <> $3
          AND earlier.id = f.assessment_id AND completing.id = $3 AND earlier.questionnaire_key = completing.questionnaire_key`,
      [supplierId, this.clock.now(), assessmentId],
    );
    if (findings.length === 0) return [];
    const today = this.clock.today();
    const rows = findings.map((f) =>
      m.create(Finding, {
        supplierId,
        assessmentId,
        questionCode: f.questionCode,
        questionText: f.questionText,
        sectionTitle: f.sectionTitle,
        severity: f.severity,
        status: 'open',
        answer: f.answer ?? null,
        comment: f.comment,
        recommendation: f.recommendation,
        mappings: f.mappings,
        ownerId,
        dueDate: addDays(today, this.settings.remediationDays[f.severity]),
        plannedAction: null,
        resolutionEvidence: null,
        acceptanceReason: null,
        acceptedUntil: null,
        supersededAt: null,
      }),
    );
    const inserted = await m.insert(Finding, rows as never);
    rows.forEach((row, i) => Object.assign(row, inserted.generatedMaps[i]));
    await this.audit.recordMany(
      m,
      rows.map((f) => ({
        action: 'finding.raised',
        entityType: 'finding',
        entityId: f.id,
        before: null,
        after: {
          supplierId,
          assessmentId,
          questionCode: f.questionCode,
          severity: f.severity,
          status: 'open',
          dueDate: f.dueDate,
        },
      })),
    );
    return rows;
  }

  async list(query: FindingQuery): Promise<{ items: Finding[]; total: number }> {
    const qb = this.dataSource.getRepository(Finding).createQueryBuilder('f');
    if (!query.includeSuperseded) qb.andWhere('f.superseded_at IS NULL');
    if (query.supplierId) qb.andWhere('f.supplier_id = :s', { s: query.supplierId });
    if (query.assessmentId) qb.andWhere('f.assessment_id = :a', { a: query.assessmentId });
    if (query.severity) qb.andWhere('f.severity = :sev', { sev: query.severity });
    if (query.status) qb.andWhere('f.status = :st', { st: query.status });
    if (query.framework)
      qb.andWhere('f.mappings @> CAST(:fw AS jsonb)', { fw: JSON.stringify([{ framework: query.framework }]) });
    if (query.overdue)
      qb.andWhere("f.status IN ('open', 'remediation_planned') AND f.due_date < :today", { today: this.clock.today() });
    const { field, direction } = sortOrder(query.sort, '-severity', FINDING_SORTS);
    if (field === 'severity') {
      // The expression of the board's index (finding_board_order: critical 1 to low 4, then due date
      // and id), so that a page is read from the index in either direction instead of sorting every
      // open finding: most severe first is that index ascending.
      const rank = direction === 'DESC' ? 'ASC' : 'DESC';
      qb.orderBy(SEVERITY_RANK, rank).addOrderBy('f.dueDate', 'ASC', 'NULLS LAST');
    } else if (field === 'status') {
      qb.orderBy('array_position(CAST(:lifecycle AS text[]), f.status)', direction);
    } else {
      qb.orderBy(`f.${field}`, direction, 'NULLS LAST');
    }
    qb.setParameters({ lifecycle: [...FINDING_STATUSES] })
      .addOrderBy('f.id', 'ASC')
      .offset((query.page - 1) * query.pageSize)
      .limit(query.pageSize);
    if (query.withTotal === false) {
      const items = await qb.getMany();
      return { items, total: items.length };
    }
    const items = await qb.getMany();
    // A first page that is not full holds them all; otherwise count(*) over the same filter
    // (TypeORM's own count is COUNT(DISTINCT id), which sorts every id).
    if (query.page === 1 && items.length < query.pageSize) return { items, total: items.length };
    const counted = qb.clone().orderBy().offset(undefined).limit(undefined).select('COUNT(*)', 'n');
    return { items, total: await this.countWhileUnchanged(counted) };
  }

  /** The totals of the filters counted lately, each keyed with the snapshot it was counted after. */
  private readonly totals = new SnapshotMemo<number>(100);

  /**
   * A filter's count(*), which grows with the register (30,000 findings at 10,000 suppliers), counted
   * again only when the database has changed, as the dashboard's figures are.
   */
  private async countWhileUnchanged(counted: SelectQueryBuilder<Finding>): Promise<number> {
    const [sql, parameters] = counted.getQueryAndParameters();
    const key = `${await databaseSnapshot(this.dataSource)} ${sql} ${JSON.stringify(parameters)}`;
    return this.totals.get(key, async () => Number((await counted.getRawOne<{ n: string }>())?.n ?? 0));
  }

  async get(id: string): Promise<Finding> {
    const finding = await this.dataSource.getRepository(Finding).findOneBy({ id });
    if (!finding) throw new NotFoundError('FINDING.NOT_FOUND', 'No such finding.');
    return finding;
  }

  /**
   * Remediation: open -> remediation_planned (with a planned action and a due date) -> resolved
   * (with evidence of the fix); accepted (governance only, with a reason, for at most 12 months);
   * a resolved or accepted finding may be reopened. A superseded finding no longer changes.
   */
  async update(id: string, patch: FindingUpdate, byGovernance: boolean): Promise<Finding> {
    return this.dataSource.transaction(async (m) => {
      const finding = await m.findOne(Finding, {
        where: { id, supersededAt: IsNull() },
        lock: { mode: 'pessimistic_write' },
      });
      if (!finding) {
        if (await m.existsBy(Finding, { id }))
          throw new ConflictError('FINDING.SUPERSEDED', 'A newer completed assessment superseded this finding.');
        throw new NotFoundError('FINDING.NOT_FOUND', 'No such finding.');
      }
      // Every acceptance field is governance's, whatever the finding's status (not only the move to accepted).
      const acceptanceFields = (['acceptanceReason', 'acceptedUntil'] as const).filter(
        (key) => patch[key] !== undefined,
      );
      if (acceptanceFields.length && !byGovernance) {
        throw new DomainError(
          'FINDING.ACCEPTANCE_GOVERNANCE_ONLY',
          'Only a governance user can write a finding’s acceptance.',
          403,
          acceptanceFields.map((path) => ({ path, message: 'may be written by governance only' })),
        );
      }
      const before = snapshot(finding);
      for (const key of [
        'ownerId',
        'dueDate',
        'plannedAction',
        'resolutionEvidence',
        'acceptanceReason',
        'acceptedUntil',
        'remediationCost',
      ] as const) {
        if (patch[key] !== undefined) (finding as unknown as Record<string, unknown>)[key] = patch[key];
      }
      if (patch.ownerId) {
        const [user] = await m.query<unknown[]>('SELECT 1 FROM app_user WHERE id = $1 AND active', [patch.ownerId]);
        if (!user)
          throw new RuleViolationError('FINDING.OWNER_UNKNOWN', 'The owner must be an active user.', [
            { path: 'ownerId', message: 'is not an active user' },
          ]);
      }
      if (patch.status && patch.status !== finding.status) this.transition(finding, patch.status, byGovernance);
      this.check(finding);
      await m.save(Finding, finding);
      await this.audit.record(m, {
        action: 'finding.updated',
        entityType: 'finding',
        entityId: id,
        before,
        after: snapshot(finding),
      });
      return finding;
    });
  }

  /**
   * The daily risk run (risk-model section 2): an acceptance that reached its expiry date returns
   * the finding to `open` the next day, a system change, audited, and remembered on the finding so
   * that the report lists it as a lapsed acceptance. Returns the findings reopened.
   */
  async lapseAcceptances(): Promise<string[]> {
    const today = this.clock.today();
    return requestContext.run(
      { requestId: `acceptance-lapse-${today}`, actor: { type: 'system', id: 'risk-daily' } },
      () =>
        this.dataSource.transaction(async (m) => {
          const [rows] = await m.query<
            [{ id: string; acceptance_reason: string | null; accepted_until: string }[], number]
          >(
            `UPDATE finding f SET status = 'open', acceptance_reason = NULL, accepted_until = NULL, updated_at = now(),
                  lapsed_acceptance = jsonb_build_object('reason', old.acceptance_reason, 'acceptedUntil', old.accepted_until::text, 'lapsedOn', $1::text)
             FROM finding old
            WHERE old.id = f.id AND f.status = 'accepted' AND f.superseded_at IS NULL AND f.accepted_until < $1::date
        RETURNING f.id, old.acceptance_reason, old.accepted_until::text AS accepted_until`,
            [today],
          );
          await this.audit.recordMany(
            m,
            rows.map((r) => ({
              action: 'finding.acceptance_lapsed',
              entityType: 'finding',
              entityId: r.id,
              before: { status: 'accepted', acceptanceReason: r.acceptance_reason, acceptedUntil: r.accepted_until },
              after: { status: 'open', acceptanceReason: null, acceptedUntil: null, lapsedOn: today },
            })),
          );
          return rows.map((r) => r.id);
        }),
    );
  }

  private transition(finding: Finding, to: FindingStatus, byGovernance: boolean): void {
    if (to === 'accepted' && !byGovernance)
      throw new DomainError(
        'FINDING.ACCEPTANCE_GOVERNANCE_ONLY',
        'Only a governance user can accept a finding’s risk.',
        403,
      );
    const allowed: Record<FindingStatus, FindingStatus[]> = {
      open: ['remediation_planned', 'resolved', 'accepted'],
      remediation_planned: ['open', 'resolved', 'accepted'],
      resolved: ['open'],
      accepted: ['open'],
    };
    if (!allowed[finding.status].includes(to)) {
      throw new ConflictError('FINDING.INVALID_TRANSITION', `A ${finding.status} finding cannot become ${to}.`, [
        { path: 'status', message: `cannot go from ${finding.status} to ${to}` },
      ]);
    }
    if (to !== 'accepted') {
      finding.acceptanceReason = null;
      finding.acceptedUntil = null;
    }
    if (to === 'open') finding.resolutionEvidence = null;
    finding.status = to;
  }

  /** What each status needs. */
  private check(f: Finding): void {
    const problems: FieldProblem[] = [];
    const today = this.clock.today();
    if (f.status === 'remediation_planned') {
      if (!f.plannedAction) problems.push({ path: 'plannedAction', message: 'is required to plan remediation' });
      if (!f.dueDate) problems.push({ path: 'dueDate', message: 'is required to plan remediation' });
    }
    if (f.status === 'resolved' && !f.resolutionEvidence)
      problems.push({ path: 'resolutionEvidence', message: 'is required: say what shows the fix' });
    if (f.status === 'accepted') {
      if (!f.acceptanceReason) problems.push({ path: 'acceptanceReason', message: 'is required to accept a risk' });
      if (!f.acceptedUntil) problems.push({ path: 'acceptedUntil', message: 'is required to accept a risk' });
      else if (f.acceptedUntil <= today || f.acceptedUntil > addMonths(today, this.settings.maxAcceptanceMonths))
        problems.push({
          path: 'acceptedUntil',
          message: `must be after today and at most ${this.settings.maxAcceptanceMonths} months ahead`,
        });
    }
    if (problems.length)
      throw new RuleViolationError('FINDING.INCOMPLETE', 'The finding is missing what its status needs.', problems);
  }
}
