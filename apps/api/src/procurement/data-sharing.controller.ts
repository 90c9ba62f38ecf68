import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  CreateDataAssetInput, CreateLinkInput, RecordsSharedRow, UnassessedHolderRow, DataAssetListQuery, DataSharingService, LinkListQuery, toAssetView, toLinkView, UpdateDataAssetInput, UpdateLinkInput,
} from '@app/data-sharing';
import { ALL_ROLES, Roles } from '@app/identity';
import { pageOf } from '@app/platform';

@ApiTags('data sharing')
@ApiBearerAuth()
@Controller('api/v1/data-assets')
export class DataAssetsController {
  constructor(private readonly ledger: DataSharingService) {}

  @Get()
  @Roles(...ALL_ROLES)
  async list(@Query() query: DataAssetListQuery) {
    const { items, total } = await this.ledger.listAssets(query);
    return pageOf(items.map(toAssetView), total, query);
  }

  @Post()
  @Roles('procurement')
  async create(@Body() body: CreateDataAssetInput) {
    return toAssetView(await this.ledger.createAsset(body));
  }

  @Get(':id')
  @Roles(...ALL_ROLES)
  async get(@Param('id', new ParseUUIDPipe()) id: string) {
    return toAssetView(await this.ledger.getAsset(id));
  }

  @Patch(':id')
  @Roles('procurement')
  async update(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: UpdateDataAssetInput) {
    return toAssetView(await this.ledger.updateAsset(id, body));
  }
}

@ApiTags('data sharing')
@ApiBearerAuth()
@Controller('api/v1/data-sharing-links')
export class DataSharingLinksController {
  constructor(private readonly ledger: DataSharingService) {}

  /** Filters: supplierId, dataAssetId, status, dueWithinDays=N (review or end date within N days), withoutAgreement=true. */
  @Get()
  @Roles(...ALL_ROLES)
  async list(@Query() query: LinkListQuery) {
    const { items, total } = await this.ledger.listLinks(query);
    return pageOf(items.map(toLinkView), total, query);
  }

  @Post()
  @Roles('procurement')
  async create(@Body() body: CreateLinkInput) {
    return toLinkView(await this.ledger.createLink(body));
  }

  @Get(':id')
  @Roles(...ALL_ROLES)
  async get(@Param('id', new ParseUUIDPipe()) id: string) {
    return toLinkView(await this.ledger.getLink(id));
  }

  @Patch(':id')
  @Roles('procurement')
  async update(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: UpdateLinkInput) {
    return toLinkView(await this.ledger.updateLink(id, body));
  }
}

/** Small views over the ledger that procurement needs. */
@ApiTags('data sharing')
@ApiBearerAuth()
@Controller('api/v1/data-sharing')
export class DataSharingViewsController {
  constructor(private readonly ledger: DataSharingService) {}

  /** Records shared per supplier and per classification, through active links. */
  @Get('records-shared')
  @Roles(...ALL_ROLES)
  async recordsShared(): Promise<{ items: RecordsSharedRow[] }> {
    return { items: await this.ledger.recordsShared() };
  }

  /** Suppliers holding personal or special-category data without a current completed assessment. */
  @Get('unassessed-holders')
  @Roles(...ALL_ROLES)
  async unassessedHolders(): Promise<{ items: UnassessedHolderRow[] }> {
    return { items: await this.ledger.unassessedHolders() };
  }
}
