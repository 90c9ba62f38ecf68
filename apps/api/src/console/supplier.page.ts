import { Injectable } from '@nestjs/common';
import { AccessPathsService } from '@app/access-paths';
import { AssessmentQueries, Countermeasures } from '@app/assessments';
import { AuditTrail } from '@app/audit';
import { DataSharingService } from '@app/data-sharing';
import { UsersService, type User } from '@app/identity';
import { FOLLOW_UP_KEY } from '@app/incidents';
import { Clock } from '@app/platform';
import { QuestionnaireCatalogue } from '@app/questionnaires';
import { DecisionsService, FindingsService } from '@app/risk';
import { SuppliersService } from '@app/suppliers';
import { pathView } from './countermeasures.view.js';
import { canDecide, canSeeFindings, supplierView, type FailedForm } from './supplier.view.js';

/** Loads what the supplier page shows (for its own route and for every form on it that fails). */
@Injectable()
export class SupplierPage {
  constructor(
    private readonly suppliers: SuppliersService,
    private readonly ledger: DataSharingService,
    private readonly assessments: AssessmentQueries,
    private readonly findings: FindingsService,
    private readonly decisions: DecisionsService,
    private readonly audit: AuditTrail,
    private readonly users: UsersService,
    private readonly catalogue: QuestionnaireCatalogue,
    private readonly clock: Clock,
    private readonly countermeasures: Countermeasures,
    private readonly accessPaths: AccessPathsService,
  ) {}

  async context(id: string, user: User, failed: FailedForm | null = null) {
    const supplier = await this.suppliers.get(id);
    const links = await this.ledger.listLinks({ supplierId: id, page: 1, pageSize: 100 } as never);
    const assetNames = await this.ledger.assetNamesOf(links.items.map((l) => l.dataAssetId));
    const assessments = await this.assessments.list({ supplierId: id, page: 1, pageSize: 50 });
    const findings = canSeeFindings(user)
      ? (await this.findings.list({ supplierId: id, page: 1, pageSize: 100 })).items
      : [];
    const decisions = canDecide(user) ? await this.decisions.list(id) : [];
    // Its history: the last changes to the supplier itself, from the audit trail, with who made them.
    const history = await this.audit.list({ entityType: 'supplier', entityId: id, page: 1, pageSize: 20 });
    const people = await this.users.namesOf([
      ...history.items.filter((e) => e.actorType === 'user' && e.actorId).map((e) => e.actorId!),
      ...(supplier.ownerId ? [supplier.ownerId] : []),
    ]);
    const catalogue = await this.catalogue.list();
    const titles = new Map(catalogue.map((e) => [e.key, e.title]));
    const questionnaires = [...titles]
      .filter(([key]) => key !== FOLLOW_UP_KEY)
      .map(([value, label]) => ({ value, label }));
    const pathToB = canSeeFindings(user)
      ? pathView(await this.countermeasures.pathFor(id), await this.countermeasures.actions(id))
      : null;
    const view = supplierView(
      {
        supplier,
        links: links.items,
        assetNames,
        assessments: assessments.items,
        titles,
        findings,
        decisions,
        history: history.items,
        actors: people,
        owner: supplier.ownerId ? (people.get(supplier.ownerId) ?? null) : null,
        questionnaires,
        today: this.clock.today(),
      },
      user,
      failed,
    );
    // Ways in that offboarding disabled stay disabled after a reactivation, until each is re-enabled.
    const waysIn = (await this.accessPaths.disabledByOffboarding(id)).map((p) => p.description);
    return {
      ...view,
      pathToB,
      waysInDisabledByOffboarding: waysIn.length ? { list: waysIn, offboarded: view.offboarded !== null } : null,
    };
  }
}
