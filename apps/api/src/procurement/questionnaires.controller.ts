import { Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../openapi/decorators.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ALL_ROLES, Roles } from '@app/identity';
import { DomainError, IntParamPipe } from '@app/platform';
import {
  CatalogueView,
  FRAMEWORK_IDENTIFIERS,
  QuestionnaireDefinitionInput,
  FRAMEWORK_VERSIONS,
  FRAMEWORKS,
  parseYamlDocument,
  QuestionnaireCatalogue,
  QuestionnaireVersionView,
  type QuestionnaireVersion,
} from '@app/questionnaires';

const toView = (v: QuestionnaireVersion): QuestionnaireVersionView => ({
  key: v.key,
  version: v.version,
  title: v.title,
  purpose: v.purpose,
  description: v.description,
  questionCount: v.questionCount,
  source: v.source,
  checksum: v.checksum,
  createdAt: v.createdAt.toISOString(),
  definition: v.definition,
});

@ApiTags('procurement')
@ApiBearerAuth()
@Controller('api/v1/questionnaires')
export class QuestionnairesController {
  constructor(private readonly catalogue: QuestionnaireCatalogue) {}

  /** The catalogue: each questionnaire with its versions, and the frameworks questions may cite. */
  @Get()
  @Roles(...ALL_ROLES)
  async list(): Promise<CatalogueView> {
    const items = await this.catalogue.list();
    // The identifiers a mapping may cite, pinned to one version of each framework (an import citing another is refused).
    const frameworkIdentifiers = Object.fromEntries(
      Object.entries(FRAMEWORK_IDENTIFIERS).map(([key, ids]) => [
        key,
        { version: FRAMEWORK_VERSIONS[key as keyof typeof FRAMEWORKS], identifiers: ids },
      ]),
    );
    return {
      items,
      page: 1,
      pageSize: items.length,
      total: items.length,
      frameworks: FRAMEWORKS,
      frameworkIdentifiers,
    };
  }

  /** One published version of a questionnaire, with its definition. */
  @Get(':key/versions/:version')
  @Roles(...ALL_ROLES)
  async get(
    @Param('key') key: string,
    @Param('version', new IntParamPipe('version')) version: number,
  ): Promise<QuestionnaireVersionView> {
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
  @ApiBody({
    description:
      'A questionnaire definition (questionnaire-format.md), as JSON, or the same document as YAML. Every problem is answered at once, each with its path.',
    type: QuestionnaireDefinitionInput,
  })
  @ApiResponse({ status: 201, type: QuestionnaireVersionView, description: 'The version, newly published.' })
  @ApiOkResponse({ type: QuestionnaireVersionView, description: 'The same version, already published identically.' })
  @ApiProblems(409, 422)
  async import(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const type = String(request.headers['content-type'] ?? '')
      .split(';')[0]
      .trim()
      .toLowerCase();
    let document: unknown;
    if (type === 'application/json') document = request.body;
    else if (YAML_TYPES.includes(type) && typeof request.body === 'string') document = parseYamlDocument(request.body);
    else
      throw new DomainError(
        'REQUEST.UNSUPPORTED_MEDIA_TYPE',
        'Send the questionnaire as application/json or application/yaml.',
        415,
      );
    const { created, version } = await this.catalogue.import(document);
    void reply.status(created ? 201 : 200);
    return toView(version);
  }
}

export const YAML_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml'];
