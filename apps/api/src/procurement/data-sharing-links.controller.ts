import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiPage, ApiProblems, ApiSort } from '../openapi/decorators.js';
import {
  CreateLinkInput,
  DataSharingLinkView,
  LINK_SORTS,
  DataSharingService,
  LinkListQuery,
  toLinkView,
  UpdateLinkInput,
} from '@app/data-sharing';
import { ALL_ROLES, Roles } from '@app/identity';
import { pageOf } from '@app/platform';

@ApiTags('procurement')
@ApiBearerAuth()
@Controller('api/v1/data-sharing-links')
export class DataSharingLinksController {
  constructor(private readonly ledger: DataSharingService) {}

  /** Filters: supplierId, dataAssetId, status, dueWithinDays=N (review or end date within N days), withoutAgreement=true. */
  @Get()
  @Roles(...ALL_ROLES)
  @ApiPage(DataSharingLinkView)
  @ApiSort(LINK_SORTS, 'Default `createdAt` (the oldest first), or `reviewDate` with `dueWithinDays`.')
  async list(@Query() query: LinkListQuery) {
    const { items, total } = await this.ledger.listLinks(query);
    return pageOf(items.map(toLinkView), total, query);
  }

  /**
   * Records that an asset flows to a supplier.
   * @remarks Refused with 422 `DATA_SHARING_LINK.RULE_BROKEN` naming each field: `article9Condition` for a special-category
   * asset, `agreementRef` and `reviewDate` for an `active` link, `processingCountry` for `processingLocation: other`,
   * `endDate` before `startDate`; 422 `DATA_SHARING_LINK.SUPPLIER_OFFBOARDED` or `DATA_SHARING_LINK.UNKNOWN_REFERENCE`
   * (no such supplier or data asset).
   */
  @Post()
  @Roles('procurement')
  @ApiProblems(409, 422)
  async create(@Body() body: CreateLinkInput) {
    return toLinkView(await this.ledger.createLink(body));
  }

  /** One data-sharing link. */
  @Get(':id')
  @Roles(...ALL_ROLES)
  async get(@Param('id', new ParseUUIDPipe()) id: string) {
    return toLinkView(await this.ledger.getLink(id));
  }

  /** Changes a link (suspend, end, record destruction, ...). */
  @Patch(':id')
  @Roles('procurement')
  @ApiProblems(409, 422)
  async update(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: UpdateLinkInput) {
    return toLinkView(await this.ledger.updateLink(id, body));
  }
}
