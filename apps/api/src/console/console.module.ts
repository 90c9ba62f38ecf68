import { Module } from '@nestjs/common';
import { AccessPathsModule } from '@app/access-paths';
import { AssessmentsModule } from '@app/assessments';
import { AuditModule } from '@app/audit';
import { CertificationsModule } from '@app/certifications';
import { DataSharingModule } from '@app/data-sharing';
import { IdentityModule } from '@app/identity';
import { IncidentsModule } from '@app/incidents';
import { OutboxModule } from '@app/notifications';
import { QuestionnairesModule } from '@app/questionnaires';
import { ReportsModule } from '@app/reports';
import { RiskModule } from '@app/risk';
import { SuppliersModule } from '@app/suppliers';
import { ConsoleAssuranceController } from './assurance.controller.js';
import { ConsoleAssetsController } from './console-assets.controller.js';
import { ConsoleCampaignsController } from './campaigns.controller.js';
import { ConsoleCertificationsController } from './certifications.controller.js';
import { ConsoleCountermeasuresController } from './countermeasures.controller.js';
import { DashboardFigures } from './dashboard-figures.js';
import { ConsoleDataAssetsController } from './data-assets.controller.js';
import { ConsoleDashboardController } from './dashboard.controller.js';
import { ConsoleEmailPreviewsController } from './email-previews.controller.js';
import { ConsoleReassignController } from './reassign.controller.js';
import { ConsoleFindingsController } from './findings.controller.js';
import { ConsoleGovernanceController } from './governance.controller.js';
import { ConsoleIncidentsController } from './incidents.controller.js';
import { ConsoleLinksController } from './links.controller.js';
import { ConsoleNotificationsController } from './notifications.controller.js';
import { ConsoleReviewsController } from './reviews.controller.js';
import { ConsoleSessionController } from './session.controller.js';
import { ConsoleSupplierCsvController } from './supplier-csv.controller.js';
import { ConsoleSupplierFormController } from './supplier-form.controller.js';
import { SupplierPage } from './supplier.page.js';
import { ConsoleSuppliersController } from './suppliers.controller.js';
import { ConsoleUsersController } from './users.controller.js';

/** Front door of internal users in the browser: the same use-cases and the same guard as the API; one controller per page group. */
@Module({
  imports: [
    AuditModule,
    IdentityModule,
    IncidentsModule,
    OutboxModule,
    QuestionnairesModule,
    SuppliersModule,
    DataSharingModule,
    AssessmentsModule,
    RiskModule,
    ReportsModule,
    AccessPathsModule,
    CertificationsModule,
  ],
  providers: [SupplierPage, DashboardFigures],
  controllers: [
    ConsoleSessionController,
    ConsoleDashboardController,
    ConsoleSuppliersController,
    ConsoleSupplierFormController,
    ConsoleLinksController,
    ConsoleDataAssetsController,
    ConsoleSupplierCsvController,
    ConsoleAssetsController,
    ConsoleReviewsController,
    ConsoleFindingsController,
    ConsoleIncidentsController,
    ConsoleGovernanceController,
    ConsoleCampaignsController,
    ConsoleUsersController,
    ConsoleNotificationsController,
    ConsoleReassignController,
    ConsoleEmailPreviewsController,
    ConsoleCountermeasuresController,
    ConsoleAssuranceController,
    ConsoleCertificationsController,
  ],
})
export class ConsoleModule {}
