import { Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ALL_ROLES, Roles } from '@app/identity';
import { DomainError, IntParamPipe } from '@app/platform';
import { FRAMEWORKS, parseYamlDocument, QuestionnaireCatalogue, type QuestionnaireVersion } from '@app/questionnaires';

const toView = (v: QuestionnaireVersion) => ({
  key: v.key,
  version: v.version,
  title: v.title,
  description: v.description,
  questionCount: v.questionCount,
  source: v.source,
  checksum: v.checksum,
  createdAt: v.createdAt.toISOString(),
  definition: v.definition,
});

@ApiTags('questionnaires')
@ApiBearerAuth()
@Controller('api/v1/questionnaires')
export class QuestionnairesController {
  constructor(private readonly catalogue: QuestionnaireCatalogue) {}

  /** The catalogue: each questionnaire with its versions, and the frameworks questions may cite. */
  @Get()
  @Roles(...ALL_ROLES)
  async list() {
    const items = await this.catalogue.list();
    return { items, page: 1, pageSize: items.length, total: items.length, frameworks: FRAMEWORKS };
  }

  @Get(':key/versions/:version')
  @Roles(...ALL_ROLES)
  async get(@Param('key') key: string, @Param('version', new IntParamPipe('version')) version: number) {
    return toView(await this.catalogue.get(key, version));
  }

  /**
   * Imports a definition as JSON or YAML (questionnaire-format.md). 201 when new, 200 when the
   * same version is already published identically, 400 listing every problem with its path.
   */
  @Post()
  @Roles('admin', 'procurement')
  @HttpCode(200)
  @ApiConsumes('application/json', 'application/yaml')
  async import(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const type = String(request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    let document: unknown;
    if (type === 'application/json') document = request.body;
    else if (YAML_TYPES.includes(type) && typeof request.body === 'string') document = parseYamlDocument(request.body);
    else throw new DomainError('REQUEST.UNSUPPORTED_MEDIA_TYPE', 'Send the questionnaire as application/json or application/yaml.', 415);
    const { created, version } = await this.catalogue.import(document);
    void reply.status(created ? 201 : 200);
    return toView(version);
  }
}

export const YAML_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml'];
