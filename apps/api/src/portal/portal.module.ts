import { Module } from '@nestjs/common';
import { AssessmentsModule } from '@app/assessments';
import { PortalAssetsController } from './portal-assets.controller.js';
import { PortalFallbackController } from './portal-fallback.controller.js';
import { PortalController } from './portal.controller.js';
import { PortalSessions } from './portal-sessions.js';

/** Front door of suppliers: the pages reached through an emailed invitation link (/portal). */
@Module({
  imports: [AssessmentsModule],
  providers: [PortalSessions],
  controllers: [PortalController, PortalAssetsController, PortalFallbackController],
})
export class PortalModule {}
