import { Module } from '@nestjs/common';

/** Front door of governance committees: reports, risk decisions and the audit trail. */
@Module({})
export class GovernanceModule {}
