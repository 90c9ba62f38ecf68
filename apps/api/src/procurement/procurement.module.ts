import { Module } from '@nestjs/common';

/**
 * Front door of procurement teams: the supplier register, the data-sharing ledger and sending
 * questionnaires (routes under /api/v1, see shared/spec/api.md).
 */
@Module({})
export class ProcurementModule {}
