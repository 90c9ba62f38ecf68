import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditTrail } from '@app/audit';
import { Clock, NotFoundError, RuleViolationError, sortOrder, type FieldProblem } from '@app/platform';
import { HELD_LINK_PARAMS, HELD_LINK_SQL, RiskRecompute } from '@app/suppliers';
import { DataAsset } from './data-asset.entity.js';
import { DataSharingLink } from './data-sharing-link.entity.js';
import type {
  CreateDataAssetInput,
  CreateLinkInput,
  DataAssetListQuery,
  LinkListQuery,
  UpdateDataAssetInput,
  UpdateLinkInput,
} from './data-sharing.input.js';

export const ASSET_SORTS = ['name', 'classification', 'recordCount', 'createdAt'];
export const LINK_SORTS = [
  'createdAt',
  'reviewDate',
  'endDate',
  'startDate',
  'recordCount',
  'status',
  'destructionConfirmedOn',
];

const assetSnapshot = (a: DataAsset) => ({
  name: a.name,
  description: a.description,
  classification: a.classification,
  categories: a.categories,
  recordCount: a.recordCount,
  systemOfRecord: a.systemOfRecord,
  ownerId: a.ownerId,
});
const linkSnapshot = (l: DataSharingLink) => {
  const { id: _id, createdAt: _created, updatedAt: _updated, ...fields } = l;
  return fields;
};

/** The data-sharing ledger: what we hold, and which supplier receives which part of it. */
@Injectable()
export class DataSharingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly recompute: RiskRecompute,
    private readonly clock: Clock,
  ) {}

  // ---- data assets

  async getAsset(id: string): Promise<DataAsset> {
    const asset = await this.dataSource.getRepository(DataAsset).findOneBy({ id });
    if (!asset) throw new NotFoundError('DATA_ASSET.NOT_FOUND', 'No such data asset.');
    return asset;
  }

  async listAssets(query: DataAssetListQuery): Promise<{ items: DataAsset[]; total: number }> {
    const { field, direction } = sortOrder(query.sort, 'name', ASSET_SORTS);
    const qb = this.dataSource.getRepository(DataAsset).createQueryBuilder('a');
    if (query.classification) qb.andWhere('a.classification = :c', { c: query.classification });
    if (query.q) qb.andWhere('lower(a.name) LIKE :q', { q: `%${query.q.toLowerCase()}%` });
    const [items, total] = await qb
      .orderBy(`a.${field}`, direction)
      .addOrderBy('a.id')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return { items, total };
  }

  async createAsset(input: CreateDataAssetInput): Promise<DataAsset> {
    return this.dataSource.transaction(async (m) => {
      await assertUser(m, input.ownerId);
      const asset = await m.save(
        DataAsset,
        m.create(DataAsset, {
          ...input,
          description: input.description ?? null,
          systemOfRecord: input.systemOfRecord ?? null,
          ownerId: input.ownerId ?? null,
          categories: input.categories ?? [],
        }),
      );
      await this.audit.record(m, {
        action: 'data_asset.created',
        entityType: 'data_asset',
        entityId: asset.id,
        before: null,
        after: assetSnapshot(asset),
      });
      return asset;
    });
  }

  async updateAsset(id: string, input: UpdateDataAssetInput): Promise<DataAsset> {
    return this.dataSource.transaction(async (m) => {
      const asset = await m.findOne(DataAsset, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!asset) throw new NotFoundError('DATA_ASSET.NOT_FOUND', 'No such data asset.');
      if (input.ownerId !== undefined) await assertUser(m, input.ownerId);
      const before = assetSnapshot(asset);
      Object.assign(asset, defined(input));
      if (input.classification === 'special_category' && before.classification !== 'special_category') {
        const lacking = await m.query<{ id: string }[]>(
          "SELECT id FROM data_sharing_link WHERE data_asset_id = $1 AND status = 'active' AND article9_condition IS NULL",
          [id],
        );
        if (lacking.length) {
          throw new RuleViolationError(
            'DATA_ASSET.ARTICLE9_MISSING',
            'Special-category data needs an Article 9 condition on every active link first.',
            [
              {
                path: 'classification',
                message: `${lacking.length} active link(s) have no Article 9 condition: ${lacking.map((l) => l.id).join(', ')}`,
              },
            ],
          );
        }
      }
      const saved = await m.save(DataAsset, asset);
      await this.audit.record(m, {
        action: 'data_asset.updated',
        entityType: 'data_asset',
        entityId: id,
        before,
        after: assetSnapshot(saved),
      });
      if (before.classification !== saved.classification) await this.recompute.forAsset(m, id);
      return saved;
    });
  }

  // ---- data-sharing links

  /** Names of data assets, in one query (for lists of links). */
  async assetNamesOf(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.dataSource.query<{ id: string; name: string }[]>(
      'SELECT id, name FROM data_asset WHERE id = ANY($1::uuid[])',
      [[...new Set(ids)]],
    );
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  async getLink(id: string): Promise<DataSharingLink> {
    const link = await this.dataSource.getRepository(DataSharingLink).findOneBy({ id });
    if (!link) throw new NotFoundError('DATA_SHARING_LINK.NOT_FOUND', 'No such data-sharing link.');
    return link;
  }

  async listLinks(query: LinkListQuery): Promise<{ items: DataSharingLink[]; total: number }> {
    const { field, direction } = sortOrder(
      query.sort,
      query.dueWithinDays !== undefined ? 'reviewDate' : 'createdAt',
      LINK_SORTS,
    );
    const qb = this.dataSource.getRepository(DataSharingLink).createQueryBuilder('l');
    if (query.supplierId) qb.andWhere('l.supplier_id = :s', { s: query.supplierId });
    if (query.dataAssetId) qb.andWhere('l.data_asset_id = :a', { a: query.dataAssetId });
    if (query.status) qb.andWhere('l.status = :st', { st: query.status });
    if (query.dueWithinDays !== undefined) {
      qb.andWhere("l.status IN ('active', 'suspended', 'proposed')").andWhere(
        '(l.review_date <= CAST(:today AS date) + CAST(:days AS int) OR l.end_date <= CAST(:today AS date) + CAST(:days AS int))',
        { today: this.clock.today(), days: query.dueWithinDays },
      );
    }
    if (query.destructionUnconfirmed !== undefined)
      qb.andWhere(
        `l.status = 'ended' AND l.destruction_confirmed_on IS ${query.destructionUnconfirmed ? '' : 'NOT '}NULL`,
      );
    if (query.withoutAgreement)
      qb.andWhere("l.status = 'active'").andWhere(
        "(l.agreement_ref IS NULL OR l.agreement_ref = '' OR l.agreement_type IS NULL)",
      );
    const [items, total] = await qb
      .orderBy(`l.${field}`, direction, 'NULLS LAST')
      .addOrderBy('l.id')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return { items, total };
  }

  async createLink(input: CreateLinkInput): Promise<DataSharingLink> {
    return this.dataSource.transaction(async (m) => {
      const supplier = await m.query<{ status: string }[]>('SELECT status FROM supplier WHERE id = $1', [
        input.supplierId,
      ]);
      const asset = await m.findOneBy(DataAsset, { id: input.dataAssetId });
      const missing: FieldProblem[] = [];
      if (!supplier.length) missing.push({ path: 'supplierId', message: 'is not a known supplier' });
      if (!asset) missing.push({ path: 'dataAssetId', message: 'is not a known data asset' });
      if (missing.length)
        throw new RuleViolationError(
          'DATA_SHARING_LINK.UNKNOWN_REFERENCE',
          'The link names a supplier or data asset that does not exist.',
          missing,
        );
      if (supplier[0].status === 'offboarded') {
        throw new RuleViolationError(
          'DATA_SHARING_LINK.SUPPLIER_OFFBOARDED',
          'An offboarded supplier cannot receive data.',
          [{ path: 'supplierId', message: 'is offboarded' }],
        );
      }
      const link = m.create(DataSharingLink, {
        ...nullFill(input),
        status: input.status ?? 'proposed',
        destructionConfirmedOn: null,
        destructionEvidence: null,
      });
      checkLinkRules(link, asset!);
      const saved = await m.save(DataSharingLink, link);
      await this.audit.record(m, {
        action: 'data_sharing_link.created',
        entityType: 'data_sharing_link',
        entityId: saved.id,
        before: null,
        after: linkSnapshot(saved),
      });
      await this.recompute.forSupplier(m, saved.supplierId);
      return saved;
    });
  }

  async updateLink(id: string, input: UpdateLinkInput): Promise<DataSharingLink> {
    return this.dataSource.transaction(async (m) => {
      const link = await m.findOne(DataSharingLink, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!link) throw new NotFoundError('DATA_SHARING_LINK.NOT_FOUND', 'No such data-sharing link.');
      const before = linkSnapshot(link);
      Object.assign(link, defined(input));
      const asset = await m.findOneByOrFail(DataAsset, { id: link.dataAssetId });
      checkLinkRules(link, asset);
      const saved = await m.save(DataSharingLink, link);
      await this.audit.record(m, {
        action: 'data_sharing_link.updated',
        entityType: 'data_sharing_link',
        entityId: id,
        before,
        after: linkSnapshot(saved),
      });
      await this.recompute.forSupplier(m, saved.supplierId);
      return saved;
    });
  }

  // ---- views procurement needs

  /** Records held, per supplier and classification, through the links that count (largest link per asset). */
  async recordsShared(): Promise<
    { supplierId: string; supplierName: string; classification: string; assets: number; records: number }[]
  > {
    const rows = await this.dataSource.query<
      { supplier_id: string; supplier_name: string; classification: string; assets: string; records: string }[]
    >(
      `
      SELECT s.id AS supplier_id, s.name AS supplier_name, per_asset.classification,
             count(*) AS assets, sum(per_asset.records) AS records
        FROM (SELECT l.supplier_id, a.id, a.classification, max(l.record_count) AS records
                FROM data_sharing_link l JOIN data_asset a ON a.id = l.data_asset_id
               WHERE ${HELD_LINK_SQL('$1', '$2')}
               GROUP BY l.supplier_id, a.id, a.classification) per_asset
        JOIN supplier s ON s.id = per_asset.supplier_id
       GROUP BY s.id, s.name, per_asset.classification
       ORDER BY sum(per_asset.records) DESC, s.name`,
      [...HELD_LINK_PARAMS],
    );
    return rows.map((r) => ({
      supplierId: r.supplier_id,
      supplierName: r.supplier_name,
      classification: r.classification,
      assets: Number(r.assets),
      records: Number(r.records),
    }));
  }

  /**
   * Suppliers holding personal or special-category data through a link that counts, without a
   * current completed assessment (none, or the latest older than the tier's interval).
   */
  async unassessedHolders(): Promise<
    { supplierId: string; supplierName: string; tier: number; classifications: string[]; records: number }[]
  > {
    const rows = await this.dataSource.query<
      { id: string; name: string; tier: number; classifications: string[]; records: string }[]
    >(
      `
      SELECT s.id, s.name, s.tier, array_agg(DISTINCT a.classification ORDER BY a.classification) AS classifications, sum(l.record_count) AS records
        FROM supplier s
        JOIN data_sharing_link l ON l.supplier_id = s.id AND ${HELD_LINK_SQL('$1', '$2')}
        JOIN data_asset a ON a.id = l.data_asset_id AND a.classification IN ('personal', 'special_category')
       WHERE s.status <> 'offboarded'
         AND (s.assessment_expired OR NOT EXISTS (SELECT 1 FROM assessment x WHERE x.supplier_id = s.id AND x.status = 'completed'))
       GROUP BY s.id, s.name, s.tier
       ORDER BY s.tier, s.name`,
      [...HELD_LINK_PARAMS],
    );
    return rows.map((r) => ({
      supplierId: r.id,
      supplierName: r.name,
      tier: r.tier,
      classifications: r.classifications,
      records: Number(r.records),
    }));
  }
}

/** The business rules of a link (422, naming the field). */
export function checkLinkRules(link: DataSharingLink, asset: DataAsset): void {
  const problems: FieldProblem[] = [];
  if (asset.classification === 'special_category' && !link.article9Condition) {
    problems.push({ path: 'article9Condition', message: 'is required: the data asset is special-category data' });
  }
  if (link.status === 'active') {
    if (!link.agreementRef) problems.push({ path: 'agreementRef', message: 'is required for an active link' });
    if (!link.reviewDate) problems.push({ path: 'reviewDate', message: 'is required for an active link' });
  }
  if (link.startDate && link.endDate && link.endDate < link.startDate)
    problems.push({ path: 'endDate', message: 'must not be before startDate' });
  if (link.destructionConfirmedOn && link.status !== 'ended')
    problems.push({ path: 'destructionConfirmedOn', message: 'is only recorded on an ended link' });
  if (link.destructionConfirmedOn && !link.destructionEvidence)
    problems.push({
      path: 'destructionEvidence',
      message: 'is required with destructionConfirmedOn: the certificate reference',
    });
  if (
    link.destructionConfirmedOn &&
    link.status === 'ended' &&
    link.endDate &&
    link.destructionConfirmedOn < link.endDate
  )
    problems.push({ path: 'destructionConfirmedOn', message: 'must not be before endDate' });
  if (link.processingLocation === 'other' && !link.processingCountry)
    problems.push({ path: 'processingCountry', message: 'is required when processingLocation is other' });
  if (problems.length)
    throw new RuleViolationError(
      'DATA_SHARING_LINK.RULE_BROKEN',
      problems.map((p) => `${p.path} ${p.message}`).join('; '),
      problems,
    );
}

async function assertUser(m: EntityManager, id: string | null | undefined): Promise<void> {
  if (!id) return;
  const rows = await m.query<unknown[]>('SELECT 1 FROM app_user WHERE id = $1', [id]);
  if (!rows.length)
    throw new RuleViolationError('USER.UNKNOWN', 'The owner must be an internal user.', [
      { path: 'ownerId', message: 'is not a known user' },
    ]);
}

function defined<T extends object>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function nullFill(input: CreateLinkInput) {
  const optional = [
    'article6Basis',
    'article9Condition',
    'confidentialityBasis',
    'agreementType',
    'agreementRef',
    'transferMethod',
    'processingCountry',
    'startDate',
    'reviewDate',
    'endDate',
  ] as const;
  // Destruction is confirmed on an existing, ended link (PATCH), never at creation.
  const out: Record<string, unknown> = { ...input };
  for (const key of optional) out[key] = input[key] ?? null;
  return out as Omit<DataSharingLink, 'id' | 'createdAt' | 'updatedAt' | 'status'>;
}
