import { Module } from '@nestjs/common';
import { AccessPathsModule } from '@app/access-paths';
import { AssessmentsModule } from '@app/assessments';
import { CertificationsModule } from '@app/certifications';
import { AuditModule } from '@app/audit';
import { DataSharingModule } from '@app/data-sharing';
import { IncidentsModule } from '@app/incidents';
import { OutboxModule } from '@app/notifications';
import { QuestionnairesModule } from '@app/questionnaires';
import { ReportsModule } from '@app/reports';
import { SuppliersModule } from '@app/suppliers';
import { AccessPathsController } from './access-paths.controller.js';
import { CertificationsController } from './certifications.controller.js';
import { AssessmentsController } from './assessments.controller.js';
import { DataAssetsController } from './data-assets.controller.js';
import { DataSharingLinksController } from './data-sharing-links.controller.js';
import { DataSharingViewsController } from './data-sharing-views.controller.js';
import { IncidentsController } from './incidents.controller.js';
import { NotificationsController } from './notifications.controller.js';
import { QuestionnairesController } from './questionnaires.controller.js';
import { SuppliersController } from './suppliers.controller.js';

/**
 * Front door of procurement teams: the supplier register, the data-sharing ledger and sending
 * questionnaires (routes under /api/v1, see docs/api-guide.md).
 */
@Module({
  imports: [
    AuditModule,
    SuppliersModule,
    DataSharingModule,
    QuestionnairesModule,
    AssessmentsModule,
    OutboxModule,
    IncidentsModule,
    ReportsModule,
    AccessPathsModule,
    CertificationsModule,
  ],
  controllers: [
    SuppliersController,
    DataAssetsController,
    DataSharingLinksController,
    DataSharingViewsController,
    QuestionnairesController,
    AssessmentsController,
    NotificationsController,
    IncidentsController,
    AccessPathsController,
    CertificationsController,
  ],
})
export class ProcurementModule {}
