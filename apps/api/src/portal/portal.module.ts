import { Module } from '@nestjs/common';

/** Front door of suppliers: the pages reached through an emailed invitation link (/portal). */
@Module({})
export class PortalModule {}
