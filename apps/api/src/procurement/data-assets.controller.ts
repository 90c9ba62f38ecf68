import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiPage, ApiProblems, ApiSort } from '../openapi/decorators.js';
import {
  ASSET_SORTS,
  CreateDataAssetInput,
  DataAssetView,
  DataAssetListQuery,
  DataSharingService,
  toAssetView,
  UpdateDataAssetInput,
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
  @ApiSort(ASSET_SORTS, 'Default `name`.')
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
