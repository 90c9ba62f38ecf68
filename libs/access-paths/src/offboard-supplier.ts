import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditTrail } from '@app/audit';
import { RiskRecompute, Supplier, SuppliersService } from '@app/suppliers';

export interface DisabledWayIn {
  id: string;
  kind: string;
  description: string;
}

/**
 * Offboarding a supplier (api.md `POST /suppliers/:id/offboard`): its links end today and, in the
 * same transaction, every active way in (access path) is disabled, each audited and marked as
 * disabled by offboarding, like "suspend links" does in an incident. Reactivating the supplier
 * re-enables none of them: each is re-enabled on its own, once someone has checked it is needed.
 */
@Injectable()
export class OffboardSupplier {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly suppliers: SuppliersService,
    private readonly audit: AuditTrail,
    private readonly risk: RiskRecompute,
  ) {}

  async run(id: string): Promise<{ supplier: Supplier; accessPathsDisabled: DisabledWayIn[] }> {
    return this.dataSource.transaction(async (m) => {
      let supplier = await this.suppliers.offboard(id, m);
      const [paths] = await m.query<[DisabledWayIn[], number]>(
        `UPDATE access_path SET status = 'disabled', disabled_by_offboarding = true, updated_at = now()
          WHERE supplier_id = $1 AND status = 'active' RETURNING id, kind, description`,
        [id],
      );
      await this.audit.recordMany(
        m,
        paths.map((p) => ({
          action: 'access_path.disabled',
          entityType: 'access_path',
          entityId: p.id,
          before: { status: 'active' },
          after: { status: 'disabled', reason: 'supplier offboarded' },
        })),
      );
      if (paths.length) {
        await this.risk.forSupplier(m, id);
        supplier = await m.findOneOrFail(Supplier, { where: { id }, relations: { contacts: true } });
      }
      return { supplier, accessPathsDisabled: paths };
    });
  }
}

/** The supplier's ways in that offboarding disabled and that are still disabled (none re-enabled since). */
export async function waysInDisabledByOffboarding(m: EntityManager, supplierId: string): Promise<DisabledWayIn[]> {
  return m.query<DisabledWayIn[]>(
    "SELECT id, kind, description FROM access_path WHERE supplier_id = $1 AND status = 'disabled' AND disabled_by_offboarding ORDER BY kind, description, id",
    [supplierId],
  );
}
