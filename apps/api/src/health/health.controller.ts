import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '@app/identity';
import { HealthService, SkipRateLimit } from '@app/platform';
import { LivenessView, ReadinessView } from './health.view.js';

@ApiTags('operations')
@Controller('health')
@Public()
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** Liveness: the process answers. Checks nothing else, so that a slow database never restarts it. */
  @Get()
  @SkipRateLimit()
  @HttpCode(200)
  @ApiOkResponse({ description: 'The process is alive.', type: LivenessView })
  live(): LivenessView {
    return { status: 'ok' };
  }

  /** Readiness: database and Redis answer and no migration is pending. 503 otherwise. */
  @Get('ready')
  @ApiOkResponse({ description: 'Ready to serve.', type: ReadinessView })
  @ApiServiceUnavailableResponse({
    description: 'A dependency is down or a migration is pending.',
    type: ReadinessView,
  })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<ReadinessView> {
    const readiness = await this.health.readiness();
    void reply.status(readiness.status === 'ready' ? 200 : 503);
    return readiness;
  }
}
