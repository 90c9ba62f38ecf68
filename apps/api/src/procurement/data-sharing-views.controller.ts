import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiItems } from '../openapi/decorators.js';
import { RecordsSharedRow, UnassessedHolderRow, DataSharingService } from '@app/data-sharing';
import { ALL_ROLES, Roles } from '@app/identity';

/** Small views over the ledger that procurement needs. */
@ApiTags('procurement')
@ApiBearerAuth()
@Controller('api/v1/data-sharing')
export class DataSharingViewsController {
  constructor(private readonly ledger: DataSharingService) {}

  /** Records shared per supplier and per classification, through active links. */
  @Get('records-shared')
  @Roles(...ALL_ROLES)
  @ApiItems(RecordsSharedRow)
  async recordsShared(): Promise<{ items: RecordsSharedRow[] }> {
    return { items: await this.ledger.recordsShared() };
  }

  /** Suppliers holding personal or special-category data without a current completed assessment. */
  @Get('unassessed-holders')
  @Roles(...ALL_ROLES)
  @ApiItems(UnassessedHolderRow)
  async unassessedHolders(): Promise<{ items: UnassessedHolderRow[] }> {
    return { items: await this.ledger.unassessedHolders() };
  }
}
