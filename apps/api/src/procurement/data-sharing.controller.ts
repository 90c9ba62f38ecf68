import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiItems, ApiPage, ApiProblems, ApiSort } from '../openapi/decorators.js';
import {
  ASSET_SORTS, CreateDataAssetInput, CreateLinkInput, DataAssetView, DataSharingLinkView, LINK_SORTS, RecordsSharedRow, UnassessedHolderRow, DataAssetListQuery, DataSharingService, LinkListQuery, toAssetView, toLinkView, UpdateDataAssetInput, UpdateLinkInput,
} from '@app/data-sharing';
import { ALL_ROLES, Roles } from '@app/identity';
import { pageOf } from '@app/platform';

@ApiTags('procurement')
@ApiBearerAuth()
@Controller('api/v1/data-assets')
export class DataAssetsController {
  constructor(private readonly ledger: DataSharingService) {}

  /** The data assets we hold. */
  @Get()
  @Roles(...ALL_ROLES)
  @ApiPage(DataAssetView)
  @ApiSort(ASSET_SORTS)
  async list(@Query() query: DataAssetListQuery) {
    const { items, total } = await this.ledger.listAssets(query);
    return pageOf(items.map(toAssetView), total, query);
  }

  /** Records a data asset and its classification. */
  @Post()
  @Roles('procurement')
  @ApiProblems(409, 422)
  async create(@Body() body: CreateDataAssetInput) {
    return toAssetView(await this.ledger.createAsset(body));
  }

  /** One data asset. */
  @Get(':id')
  @Roles(...ALL_ROLES)
  async get(@Param('id', new ParseUUIDPipe()) id: string) {
    return toAssetView(await this.ledger.getAsset(id));
  }

  /** Changes a data asset. */
  @Patch(':id')
  @Roles('procurement')
  @ApiProblems(409, 422)
  async update(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: UpdateDataAssetInput) {
    return toAssetView(await this.ledger.updateAsset(id, body));
  }
}

@ApiTags('procurement')
@ApiBearerAuth()
@Controller('api/v1/data-sharing-links')
export class DataSharingLinksController {
  constructor(private readonly ledger: DataSharingService) {}

  /** Filters: supplierId, dataAssetId, status, dueWithinDays=N (review or end date within N days), withoutAgreement=true. */
  @Get()
  @Roles(...ALL_ROLES)
  @ApiPage(DataSharingLinkView)
  @ApiSort(LINK_SORTS)
  async list(@Query() query: LinkListQuery) {
    const { items, total } = await this.ledger.listLinks(query);
    return pageOf(items.map(toLinkView), total, query);
  }

  /** Records that an asset flows to a supplier. */
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
