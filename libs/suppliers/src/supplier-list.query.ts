import { Brackets, type DataSource } from 'typeorm';
import { sortOrder } from '@app/platform';
import { SupplierContact } from './supplier-contact.entity.js';
import { Supplier } from './supplier.entity.js';
import { SUPPLIER_SORTS, type SupplierListQuery } from './supplier.input.js';

type ContactRow = Pick<SupplierContact, 'id' | 'name' | 'email' | 'phone' | 'role' | 'position'>;
/** A supplier's contacts as one JSON array, in their order (lists read them with the row). */
const CONTACTS_JSON = `coalesce((SELECT json_agg(json_build_object('id', c.id, 'name', c.name, 'email', c.email, 'phone', c.phone, 'role', c.role, 'position', c.position) ORDER BY c.position)
  FROM supplier_contact c WHERE c.supplier_id = s.id), '[]')`;

/** A page of the register with its filters, search and sort, each supplier with its contacts. */
export async function listSuppliers(
  dataSource: DataSource,
  query: SupplierListQuery,
): Promise<{ items: Supplier[]; total: number }> {
  const { field, direction } = sortOrder(query.sort, 'name', SUPPLIER_SORTS);
  const qb = dataSource.getRepository(Supplier).createQueryBuilder('s');
  if (query.kind) qb.andWhere('s.kind = :kind', { kind: query.kind });
  if (query.status) qb.andWhere('s.status = :status', { status: query.status });
  if (query.tier) qb.andWhere('s.tier = :tier', { tier: query.tier });
  if (query.criticality) qb.andWhere('s.criticality = :criticality', { criticality: query.criticality });
  if (query.band) qb.andWhere('s.band = :band', { band: query.band });
  if (query.rating) qb.andWhere('s.rating = :rating', { rating: query.rating });
  if (query.ownerId) qb.andWhere('s.owner_id = :ownerId', { ownerId: query.ownerId });
  if (query.tag) qb.andWhere(':tag = ANY(s.tags)', { tag: query.tag.toLowerCase() });
  if (query.q) {
    const text = `%${query.q
      .trim()
      .toLowerCase()
      .replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const identifier = query.q.replace(/\s+/g, '').toUpperCase();
    qb.andWhere(
      new Brackets((w) =>
        w
          .where('lower(s.name) LIKE :text', { text })
          .orWhere('s.companies_house_number = :identifier', { identifier })
          .orWhere('s.ods_code = :identifier')
          .orWhere('s.ukprn = :identifier'),
      ),
    );
  }
  // Ratings sort by severity, not alphabetically.
  const sortBy =
    field === 'rating'
      ? "CASE s.rating WHEN 'low' THEN 1 WHEN 'medium' THEN 2 WHEN 'high' THEN 3 ELSE 4 END"
      : `s.${field}`;
  qb.orderBy(
    sortBy,
    direction,
    field === 'band' ? (direction === 'ASC' ? 'NULLS LAST' : 'NULLS FIRST') : undefined,
  ).addOrderBy('s.id', 'ASC');
  qb.skip((query.page - 1) * query.pageSize).take(query.pageSize);
  // Each row's contacts in the same query (a JSON array), and the count beside it on another
  // connection: one round trip's wait for a page, not three in a row.
  qb.addSelect(CONTACTS_JSON, 's_contacts_json');
  const [{ entities, raw }, total] = await Promise.all([
    qb.getRawAndEntities<{ s_id: string; s_contacts_json: ContactRow[] }>(),
    qb.getCount(),
  ]);
  const contacts = new Map(raw.map((r) => [r.s_id, r.s_contacts_json]));
  for (const supplier of entities)
    supplier.contacts = (contacts.get(supplier.id) ?? []).map((c) =>
      Object.assign(new SupplierContact(), c, { supplierId: supplier.id }),
    );
  return { items: entities, total };
}
