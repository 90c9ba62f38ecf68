import { Module } from '@nestjs/common';
import { AssessmentsModule } from '@app/assessments';
import { PortalController } from './portal.controller.js';

/** Front door of suppliers: the pages reached through an emailed invitation link (/portal). */
@Module({ imports: [AssessmentsModule], controllers: [PortalController] })
export class PortalModule {}
