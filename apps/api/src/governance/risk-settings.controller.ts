import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ALL_ROLES, Roles } from '@app/identity';
import { RISK_SETTINGS, type RiskSettings } from '@app/scoring';
import type { RiskSettingsView } from './risk-settings.view.js';

@ApiTags('governance')
@ApiBearerAuth()
@Controller('api/v1/settings')
export class RiskSettingsController {
  constructor(@Inject(RISK_SETTINGS) private readonly settings: RiskSettings) {}

  /** Every rate, threshold, probability and interval of the risk model in force: the defaults of the risk method with RISK_SETTINGS applied. */
  @Get('risk')
  @Roles(...ALL_ROLES)
  risk(): RiskSettingsView {
    return this.settings;
  }
}
