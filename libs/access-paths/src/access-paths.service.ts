import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditTrail } from '@app/audit';
import { Clock, ConflictError, NotFoundError, RuleViolationError, sortOrder, type FieldProblem } from '@app/platform';
import { RiskRecompute } from '@app/suppliers';
import { AccessPath } from './access-path.entity.js';
import type { AccessPathListQuery, CreateAccessPathInput, UpdateAccessPathInput } from './access-path.input.js';
import { accessPathSnapshot } from './access-path.view.js';
import { waysInDisabledByOffboarding, type DisabledWayIn } from './offboard-supplier.js';

/** The fields the list sorts by (`?sort=field` or `-field`), also declared in the OpenAPI document. */
export const ACCESS_PATH_SORTS: readonly string[] = ['createdAt', 'kind', 'status', 'lastReviewedOn'];
/** Fields whose change can move the supplier's figures (risk-model section 3). */
const RISK_FIELDS = ['mfa', 'monitored', 'status'] as const;

/**
 * A supplier's ways into our systems: recorded, edited, disabled and removed by procurement, each
 * change audited and the supplier's figures recomputed in the same transaction.
 */
@Injectable()
export class AccessPathsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly risk: RiskRecompute,
    private readonly clock: Clock,
  ) {}

  async get(id: string): Promise<AccessPath> {
    const path = await this.dataSource.getRepository(AccessPath).findOneBy({ id });
    if (!path) throw new NotFoundError('ACCESS_PATH.NOT_FOUND', 'No such access path.');
    return path;
  }

  async list(
    supplierId: string,
    query: Pick<AccessPathListQuery, 'status' | 'mfa' | 'sort' | 'page' | 'pageSize'>,
  ): Promise<{ items: AccessPath[]; total: number }> {
    await assertSupplier(this.dataSource.manager, supplierId);
    const { field, direction } = sortOrder(query.sort, 'createdAt', ACCESS_PATH_SORTS);
    const qb = this.dataSource
      .getRepository(AccessPath)
      .createQueryBuilder('p')
      .where('p.supplier_id = :s', { s: supplierId });
    if (query.status) qb.andWhere('p.status = :st', { st: query.status });
    if (query.mfa) qb.andWhere('p.mfa = :mfa', { mfa: query.mfa });
    const [items, total] = await qb
      .orderBy(`p.${field}`, direction, 'NULLS LAST')
      .addOrderBy('p.id')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return { items, total };
  }

  /** Its ways in that offboarding disabled and nobody has re-enabled since. */
  async disabledByOffboarding(supplierId: string): Promise<DisabledWayIn[]> {
    return waysInDisabledByOffboarding(this.dataSource.manager, supplierId);
  }

  async create(supplierId: string, input: CreateAccessPathInput, manager?: EntityManager): Promise<AccessPath> {
    const work = async (m: EntityManager) => {
      await assertSupplier(m, supplierId, true);
      const path = m.create(AccessPath, {
        supplierId,
        kind: input.kind,
        description: input.description,
        systems: input.systems ?? [],
        dataAssetIds: [...new Set(input.dataAssetIds ?? [])],
        mfa: input.mfa,
        monitored: input.monitored,
        deviceCount: input.deviceCount ?? null,
        unsupportedDeviceCount: input.unsupportedDeviceCount ?? null,
        lastReviewedOn: input.lastReviewedOn ?? null,
        status: input.status ?? 'active',
        disabledByIncident: null,
        disabledByOffboarding: false,
      });
      await this.check(m, path);
      const saved = await m.save(AccessPath, path);
      await this.audit.record(m, {
        action: 'access_path.created',
        entityType: 'access_path',
        entityId: saved.id,
        before: null,
        after: accessPathSnapshot(saved),
      });
      await this.risk.forSupplier(m, supplierId);
      return saved;
    };
    return manager ? work(manager) : this.dataSource.transaction(work);
  }

  async update(id: string, input: UpdateAccessPathInput, manager?: EntityManager): Promise<AccessPath> {
    const work = async (m: EntityManager) => {
      const path = await m.findOne(AccessPath, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!path) throw new NotFoundError('ACCESS_PATH.NOT_FOUND', 'No such access path.');
      if (path.status === 'removed')
        throw new ConflictError('ACCESS_PATH.REMOVED', 'A removed access path is history: record a new one instead.');
      const before = accessPathSnapshot(path);
      for (const [key, value] of Object.entries(input))
        if (value !== undefined)
          Object.assign(path, { [key]: key === 'dataAssetIds' ? [...new Set(value as string[])] : value });
      if (path.status === 'active') Object.assign(path, { disabledByIncident: null, disabledByOffboarding: false });
      await this.check(m, path);
      const saved = await m.save(AccessPath, path);
      const after = accessPathSnapshot(saved);
      if (JSON.stringify(before) === JSON.stringify(after)) return saved;
      const action =
        before.status !== after.status && after.status !== 'active'
          ? `access_path.${after.status}`
          : 'access_path.updated';
      await this.audit.record(m, { action, entityType: 'access_path', entityId: id, before, after });
      if (RISK_FIELDS.some((f) => before[f] !== after[f])) await this.risk.forSupplier(m, path.supplierId);
      return saved;
    };
    return manager ? work(manager) : this.dataSource.transaction(work);
  }

  /** Rules across fields: device counts belong to managed devices, data assets exist, a review is not in the future. */
  private async check(m: EntityManager, path: AccessPath): Promise<void> {
    const problems: FieldProblem[] = [];
    if (path.kind !== 'managed_device') {
      if (path.deviceCount !== null) problems.push({ path: 'deviceCount', message: 'is only for kind managed_device' });
      if (path.unsupportedDeviceCount !== null)
        problems.push({ path: 'unsupportedDeviceCount', message: 'is only for kind managed_device' });
    } else if (
      path.deviceCount !== null &&
      path.unsupportedDeviceCount !== null &&
      path.unsupportedDeviceCount > path.deviceCount
    ) {
      problems.push({ path: 'unsupportedDeviceCount', message: `must be at most deviceCount (${path.deviceCount})` });
    }
    if (path.lastReviewedOn && path.lastReviewedOn > this.clock.today())
      problems.push({ path: 'lastReviewedOn', message: 'must not be in the future' });
    if (path.dataAssetIds.length) {
      const known = await m.query<{ id: string }[]>('SELECT id FROM data_asset WHERE id = ANY($1::uuid[])', [
        path.dataAssetIds,
      ]);
      const knownIds = new Set(known.map((k) => k.id));
      path.dataAssetIds.forEach((assetId, i) => {
        if (!knownIds.has(assetId)) problems.push({ path: `dataAssetIds[${i}]`, message: 'is not a known data asset' });
      });
    }
    if (problems.length)
      throw new RuleViolationError('ACCESS_PATH.INVALID', 'The access path breaks a rule.', problems);
  }
}

/** 404 for a supplier that does not exist; with `writable`, 422 for an offboarded one. */
async function assertSupplier(m: EntityManager, supplierId: string, writable = false): Promise<void> {
  const [supplier] = await m.query<{ status: string }[]>('SELECT status FROM supplier WHERE id = $1', [supplierId]);
  if (!supplier) throw new NotFoundError('SUPPLIER.NOT_FOUND', 'No such supplier.');
  if (writable && supplier.status === 'offboarded')
    throw new RuleViolationError('SUPPLIER.OFFBOARDED', 'The supplier is offboarded: it has no ways in any more.', [
      { path: 'supplierId', message: 'is offboarded' },
    ]);
}
