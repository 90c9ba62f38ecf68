import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager } from 'typeorm';
import { AuditTrail } from '@app/audit';
import { Clock, ConflictError, NotFoundError, RuleViolationError, type FieldProblem } from '@app/platform';
import { RISK_SETTINGS, type RiskSettings } from '@app/scoring';
import { RiskRecompute, initialRisk } from './risk.recompute.js';
import { cancelOpenAssessments } from './offboard-assessments.js';
import { SupplierContact } from './supplier-contact.entity.js';
import { Supplier } from './supplier.entity.js';
import {
  type ContactInput,
  type CreateSupplierInput,
  type SupplierListQuery,
  type UpdateSupplierInput,
} from './supplier.input.js';
import { supplierSnapshot } from './supplier.view.js';
import { listSuppliers } from './supplier-list.query.js';

const IDENTIFIERS = ['companiesHouseNumber', 'odsCode', 'ukprn'] as const;

/** The supplier register: every write in one transaction with its audit row. */
@Injectable()
export class SuppliersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly recompute: RiskRecompute,
    private readonly clock: Clock,
    @Inject(RISK_SETTINGS) private readonly settings: RiskSettings,
  ) {}

  async get(id: string): Promise<Supplier> {
    // One query, with the risk explanation that lists leave out.
    const supplier = await this.dataSource
      .getRepository(Supplier)
      .createQueryBuilder('s')
      .addSelect('s.risk')
      .leftJoinAndSelect('s.contacts', 'c')
      .where('s.id = :id', { id })
      .getOne();
    if (!supplier) throw new NotFoundError('SUPPLIER.NOT_FOUND', 'No such supplier.');
    return supplier;
  }

  async create(input: CreateSupplierInput, manager?: EntityManager): Promise<Supplier> {
    const run = async (m: EntityManager) => {
      this.assertPrimaryContact(input.status ?? 'onboarding', input.contacts ?? []);
      await this.assertIdentifiersFree(m, input, null);
      await this.assertOwner(m, input.ownerId);
      const [supplier] = await this.insertChecked(m, [input]);
      return supplier;
    };
    return manager ? run(manager) : this.dataSource.transaction(run);
  }

  /**
   * Inserts new suppliers that have passed every rule (primary contact, free identifiers, known
   * owner), with their contacts and audit rows, in a handful of statements whatever their number.
   */
  async insertChecked(m: EntityManager, inputs: CreateSupplierInput[]): Promise<Supplier[]> {
    if (inputs.length === 0) return [];
    const suppliers = inputs.map((input) => {
      const risk = initialRisk(input.criticality, this.clock.today(), this.settings);
      return m.create(Supplier, {
        name: input.name,
        kind: input.kind,
        companiesHouseNumber: input.companiesHouseNumber ?? null,
        odsCode: input.odsCode ?? null,
        ukprn: input.ukprn ?? null,
        website: input.website ?? null,
        services: input.services ?? null,
        criticality: input.criticality,
        status: input.status ?? 'onboarding',
        ownerId: input.ownerId ?? null,
        tags: normaliseTags(input.tags),
        notes: input.notes ?? null,
        tier: risk.tier,
        impactLevel: risk.impactLevel,
        singleLossEstimate: risk.singleLossEstimate,
        riskInputs: risk.explanation.singleLossEstimate,
        band: null,
        probability: risk.probability,
        likelihoodLevel: risk.likelihoodLevel,
        valueAtRisk: risk.valueAtRisk,
        netValueAtRisk: risk.netValueAtRisk,
        rating: risk.rating,
        assessmentExpired: false,
        risk: risk.explanation,
        tierOverride: null,
        tierOverrideReason: null,
        recordsShared: {},
        offboardedAt: null,
      });
    });
    const inserted = await m.insert(Supplier, suppliers);
    suppliers.forEach((supplier, i) => Object.assign(supplier, inserted.generatedMaps[i]));
    const contacts = suppliers.flatMap((supplier, i) =>
      (inputs[i].contacts ?? []).map((c, position) =>
        m.create(SupplierContact, {
          supplierId: supplier.id,
          name: c.name,
          email: c.email,
          phone: c.phone ?? null,
          role: c.role,
          position,
        }),
      ),
    );
    if (contacts.length) {
      const insertedContacts = await m.insert(SupplierContact, contacts);
      contacts.forEach((contact, i) => Object.assign(contact, insertedContacts.generatedMaps[i]));
    }
    for (const supplier of suppliers) supplier.contacts = contacts.filter((c) => c.supplierId === supplier.id);
    await this.audit.recordMany(
      m,
      suppliers.map((supplier) => ({
        action: 'supplier.created',
        entityType: 'supplier',
        entityId: supplier.id,
        before: null,
        after: supplierSnapshot(supplier),
      })),
    );
    return suppliers;
  }

  async update(id: string, input: UpdateSupplierInput, manager?: EntityManager): Promise<Supplier> {
    const run = async (m: EntityManager) => {
      const supplier = await m.findOne(Supplier, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!supplier) throw new NotFoundError('SUPPLIER.NOT_FOUND', 'No such supplier.');
      supplier.contacts = await m.find(SupplierContact, { where: { supplierId: id } });
      if (supplier.status === 'offboarded') {
        throw new ConflictError(
          'SUPPLIER.OFFBOARDED',
          'This supplier has been offboarded; its record is kept as history and cannot be changed.',
        );
      }
      const before = supplierSnapshot(supplier);
      const status = input.status ?? supplier.status;
      const contacts = input.contacts ?? supplier.contacts.map((c) => ({ ...c, phone: c.phone ?? undefined }));
      this.assertPrimaryContact(status, contacts);
      await this.assertIdentifiersFree(m, { ...pickIdentifiers(supplier), ...pickDefined(input, IDENTIFIERS) }, id);
      if (input.ownerId !== undefined) await this.assertOwner(m, input.ownerId);

      const criticalityChanged = input.criticality !== undefined && input.criticality !== supplier.criticality;
      const { contacts: _contacts, tags, ...fields } = input;
      Object.assign(supplier, pickDefined(fields, Object.keys(fields) as (keyof typeof fields)[]));
      if (tags !== undefined) supplier.tags = normaliseTags(tags);
      const { contacts: existing, ...columns } = supplier;
      await m.save(Supplier, columns);
      supplier.contacts = input.contacts ? await this.replaceContacts(m, id, existing, input.contacts) : existing;
      await this.audit.record(m, {
        action: 'supplier.updated',
        entityType: 'supplier',
        entityId: id,
        before,
        after: supplierSnapshot(supplier),
      });
      if (criticalityChanged) await this.recompute.forSupplier(m, id);
      return m.findOneOrFail(Supplier, { where: { id }, relations: { contacts: true } });
    };
    return manager ? run(manager) : this.dataSource.transaction(run);
  }

  /**
   * Ends the relationship: the supplier and its history stay; its links end today, its open
   * questionnaires are cancelled. Front doors go through `OffboardSupplier` (access-paths), which also
   * disables its ways in, in this transaction.
   */
  async offboard(id: string, manager?: EntityManager): Promise<Supplier> {
    const run = async (m: EntityManager) => {
      const supplier = await m.findOne(Supplier, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!supplier) throw new NotFoundError('SUPPLIER.NOT_FOUND', 'No such supplier.');
      if (supplier.status === 'offboarded')
        throw new ConflictError('SUPPLIER.ALREADY_OFFBOARDED', 'This supplier is already offboarded.');
      const today = this.clock.today();
      const open = await m.query<{ id: string; status: string; end_date: string | null }[]>(
        `SELECT id, status, to_char(end_date, 'YYYY-MM-DD') AS end_date FROM data_sharing_link WHERE supplier_id = $1 AND status <> 'ended'`,
        [id],
      );
      for (const link of open) {
        const endDate = link.end_date && link.end_date < today ? link.end_date : today;
        await m.query(
          `UPDATE data_sharing_link SET status = 'ended', end_date = GREATEST($2::date, start_date), updated_at = now() WHERE id = $1`,
          [link.id, endDate],
        );
        await this.audit.record(m, {
          action: 'data_sharing_link.ended',
          entityType: 'data_sharing_link',
          entityId: link.id,
          before: { status: link.status, endDate: link.end_date },
          after: { status: 'ended', endDate },
        });
      }
      const now = this.clock.now();
      await cancelOpenAssessments(m, this.audit, id, now);
      const before = { status: supplier.status, offboardedAt: null };
      await m.update(Supplier, { id }, { status: 'offboarded', offboardedAt: now });
      await this.audit.record(m, {
        action: 'supplier.offboarded',
        entityType: 'supplier',
        entityId: id,
        before,
        after: { status: 'offboarded', offboardedAt: now },
      });
      await this.recompute.forSupplier(m, id);
      return m.findOneOrFail(Supplier, { where: { id }, relations: { contacts: true } });
    };
    return manager ? run(manager) : this.dataSource.transaction(run);
  }

  /** A governance user sets (or clears, with null) the tier the risk model would give, with a reason. */
  async overrideTier(id: string, tier: 1 | 2 | 3 | 4 | null, reason: string): Promise<Supplier> {
    return this.dataSource.transaction(async (m) => {
      const supplier = await m.findOne(Supplier, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!supplier) throw new NotFoundError('SUPPLIER.NOT_FOUND', 'No such supplier.');
      const before = { tierOverride: supplier.tierOverride, tierOverrideReason: supplier.tierOverrideReason };
      const after = { tierOverride: tier, tierOverrideReason: tier === null ? null : reason };
      await m.update(Supplier, { id }, after);
      await this.audit.record(m, {
        action: 'supplier.tier_overridden',
        entityType: 'supplier',
        entityId: id,
        before,
        after: { ...after, reason },
      });
      await this.recompute.forSupplier(m, id);
      return m.findOneOrFail(Supplier, { where: { id }, relations: { contacts: true } });
    });
  }

  /** Names of several suppliers in one query (lists that show whose a row is). */
  async namesOf(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.dataSource.query<{ id: string; name: string }[]>(
      'SELECT id, name FROM supplier WHERE id = ANY($1)',
      [[...new Set(ids)]],
    );
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  async list(query: SupplierListQuery): Promise<{ items: Supplier[]; total: number }> {
    return listSuppliers(this.dataSource, query);
  }

  private assertPrimaryContact(status: string, contacts: Pick<ContactInput, 'role'>[]): void {
    const problem = primaryContactProblem(status, contacts);
    if (problem)
      throw new RuleViolationError(
        'SUPPLIER.PRIMARY_CONTACT_REQUIRED',
        'An active supplier needs at least one primary contact.',
        [problem],
      );
  }

  private async assertIdentifiersFree(
    m: EntityManager,
    input: Partial<Record<(typeof IDENTIFIERS)[number], string | null>>,
    selfId: string | null,
  ): Promise<void> {
    const problems: FieldProblem[] = [];
    for (const key of IDENTIFIERS) {
      const value = input[key];
      if (!value) continue;
      const other = await m.findOne(Supplier, { where: { [key]: value }, select: { id: true, name: true } });
      if (other && other.id !== selfId) problems.push({ path: key, message: `is already registered to ${other.name}` });
    }
    if (problems.length)
      throw new ConflictError(
        'SUPPLIER.DUPLICATE_IDENTIFIER',
        'Another supplier already has this identifier.',
        problems,
      );
  }

  private async assertOwner(m: EntityManager, ownerId: string | null | undefined): Promise<void> {
    if (!ownerId) return;
    const [row] = await m.query<{ active: boolean }[]>('SELECT active FROM app_user WHERE id = $1', [ownerId]);
    if (!row)
      throw new RuleViolationError('SUPPLIER.OWNER_UNKNOWN', 'The owner must be an internal user.', [
        { path: 'ownerId', message: 'is not a known user' },
      ]);
  }

  /** Contacts are replaced as a list; those given with an id keep it. */
  private async replaceContacts(
    m: EntityManager,
    supplierId: string,
    existing: SupplierContact[],
    contacts: ContactInput[],
  ): Promise<SupplierContact[]> {
    const keep = new Set(existing.map((c) => c.id));
    const problems = contacts.flatMap((c, i) =>
      c.id && !keep.has(c.id) ? [{ path: `contacts[${i}].id`, message: 'is not a contact of this supplier' }] : [],
    );
    if (problems.length)
      throw new RuleViolationError(
        'SUPPLIER.CONTACT_UNKNOWN',
        'A contact id does not belong to this supplier.',
        problems,
      );
    const given = new Set(contacts.map((c) => c.id).filter(Boolean));
    const removed = existing.filter((c) => !given.has(c.id));
    if (removed.length)
      await m.delete(
        SupplierContact,
        removed.map((c) => c.id),
      );
    const rows = contacts.map((c, position) =>
      m.create(SupplierContact, {
        ...(c.id ? { id: c.id } : {}),
        supplierId,
        name: c.name,
        email: c.email,
        phone: c.phone ?? null,
        role: c.role,
        position,
      }),
    );
    const kept = rows.filter((r) => r.id);
    const fresh = rows.filter((r) => !r.id);
    if (kept.length) await m.save(SupplierContact, kept);
    if (fresh.length) {
      const inserted = await m.insert(SupplierContact, fresh);
      fresh.forEach((row, i) => Object.assign(row, inserted.generatedMaps[i]));
    }
    return rows;
  }
}

/** The rule: an active supplier has at least one primary contact. */
export function primaryContactProblem(status: string, contacts: Pick<ContactInput, 'role'>[]): FieldProblem | null {
  return status === 'active' && !contacts.some((c) => c.role === 'primary')
    ? { path: 'contacts', message: 'must include a contact with role primary when the supplier is active' }
    : null;
}

function normaliseTags(tags: string[] | undefined): string[] {
  return [...new Set((tags ?? []).map((t) => t.trim().toLowerCase()).filter(Boolean))].sort();
}

function pickIdentifiers(s: Supplier) {
  return { companiesHouseNumber: s.companiesHouseNumber, odsCode: s.odsCode, ukprn: s.ukprn };
}

function pickDefined<T extends object, K extends keyof T>(source: T, keys: readonly K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  return out;
}
