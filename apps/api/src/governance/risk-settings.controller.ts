import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiObject } from '../openapi/decorators.js';
import { ALL_ROLES, Roles } from '@app/identity';
import { RISK_SETTINGS, type RiskSettings } from '@app/scoring';

@ApiTags('governance')
@ApiBearerAuth()
@Controller('api/v1/settings')
export class RiskSettingsController {
  constructor(@Inject(RISK_SETTINGS) private readonly settings: RiskSettings) {}

  /** Every rate, threshold, probability and interval of the risk model in force (risk-model.md). */
  @Get('risk')
  @Roles(...ALL_ROLES)
  @ApiObject('The risk settings in force: the defaults of risk-model.md with RISK_SETTINGS applied.')
  risk() {
    return this.settings;
  }
}
