import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ALL_ROLES, Roles } from '@app/identity';
import { DEFAULT_RISK_SETTINGS } from '@app/scoring';

@ApiTags('governance')
@ApiBearerAuth()
@Controller('api/v1/settings')
export class RiskSettingsController {
  /** Every rate, threshold, probability and interval of the risk model in force (risk-model.md). */
  @Get('risk')
  @Roles(...ALL_ROLES)
  risk() {
    return DEFAULT_RISK_SETTINGS;
  }
}
