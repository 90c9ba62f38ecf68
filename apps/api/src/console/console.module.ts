import { Module } from '@nestjs/common';
import { AccessPathsModule } from '@app/access-paths';
import { AssessmentsModule } from '@app/assessments';
import { AuditModule } from '@app/audit';
import { CertificationsModule } from '@app/certifications';
import { DataSharingModule } from '@app/data-sharing';
import { IdentityModule } from '@app/identity';
import { OutboxModule } from '@app/notifications';
import { QuestionnairesModule } from '@app/questionnaires';
import { ReportsModule } from '@app/reports';
import { RiskModule } from '@app/risk';
import { SuppliersModule } from '@app/suppliers';
import { ConsoleController } from './console.controller.js';
import { ConsoleRegisterController } from './register.controller.js';
import { ConsoleCampaignsController } from './campaigns.controller.js';
import { ConsoleAssuranceController } from './assurance.controller.js';

/** Front door of internal users in the browser: the same use-cases and the same guard as the API. */
@Module({ imports: [AuditModule, IdentityModule, OutboxModule, QuestionnairesModule, SuppliersModule, DataSharingModule, AssessmentsModule, RiskModule, ReportsModule, AccessPathsModule, CertificationsModule], controllers: [ConsoleController, ConsoleRegisterController, ConsoleCampaignsController, ConsoleAssuranceController] })
export class ConsoleModule {}
