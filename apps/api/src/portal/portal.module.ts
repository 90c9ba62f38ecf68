import { Module } from '@nestjs/common';
import { AssessmentsModule } from '@app/assessments';
import { PortalFallbackController } from './portal-fallback.controller.js';
import { PortalController } from './portal.controller.js';

/** Front door of suppliers: the pages reached through an emailed invitation link (/portal). */
@Module({ imports: [AssessmentsModule], controllers: [PortalController, PortalFallbackController] })
export class PortalModule {}
