import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditTrail } from '@app/audit';
import { ConflictError, NotFoundError } from '@app/platform';
import { RiskRecompute } from './risk.recompute.js';
import { Supplier } from './supplier.entity.js';

/**
 * Brings an offboarded supplier back (offboarded by mistake, or the relationship starts again): it
 * is active again with its history; the links that offboarding ended stay ended, because the data
 * stopped flowing on that day. New sharing is recorded as new links.
 */
@Injectable()
export class ReactivateSupplier {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly recompute: RiskRecompute,
  ) {}

  async run(id: string): Promise<Supplier> {
    return this.dataSource.transaction(async (m) => {
      const supplier = await m.findOne(Supplier, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!supplier) throw new NotFoundError('SUPPLIER.NOT_FOUND', 'No such supplier.');
      if (supplier.status !== 'offboarded')
        throw new ConflictError('SUPPLIER.NOT_OFFBOARDED', 'This supplier is not offboarded.');
      await m.update(Supplier, { id }, { status: 'active', offboardedAt: null });
      await this.audit.record(m, {
        action: 'supplier.reactivated',
        entityType: 'supplier',
        entityId: id,
        before: { status: 'offboarded', offboardedAt: supplier.offboardedAt },
        after: { status: 'active', offboardedAt: null },
      });
      await this.recompute.forSupplier(m, id);
      return m.findOneOrFail(Supplier, { where: { id }, relations: { contacts: true } });
    });
  }
}
