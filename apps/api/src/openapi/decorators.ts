import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtension, ApiExtraModels, ApiOkResponse, ApiQuery, getSchemaPath } from '@nestjs/swagger';

// Explicit OpenAPI decorators for what the compiler plugin cannot infer from a method's types:
// generic pages, item lists, the problems a route can answer, a list's sortable fields.

/** `{ items, page, pageSize, total }` of `model` (the platform's `pageOf`); `also`: other media types it may answer with. */
export const ApiPage = (
  model: Type<unknown> | null,
  description = 'One page of the list.',
  also: Record<string, { schema: object }> = {},
) =>
  applyDecorators(
    ...(model ? [ApiExtraModels(model)] : []),
    ApiOkResponse({
      description,
      content: {
        'application/json': {
          schema: {
            type: 'object',
            required: ['items', 'page', 'pageSize', 'total'],
            properties: {
              items: { type: 'array', items: model ? { $ref: getSchemaPath(model) } : { type: 'object' } },
              page: { type: 'integer', minimum: 1 },
              pageSize: { type: 'integer', minimum: 1, maximum: 200 },
              total: { type: 'integer', minimum: 0 },
            },
          },
        },
        ...also,
      },
    }),
  );

/** `{ items }` of `model`, for short unpaged lists. */
export const ApiItems = (model: Type<unknown>, description = 'The whole list.') =>
  applyDecorators(
    ApiExtraModels(model),
    ApiOkResponse({
      description,
      schema: {
        type: 'object',
        required: ['items'],
        properties: { items: { type: 'array', items: { $ref: getSchemaPath(model) } } },
      },
    }),
  );

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input (unknown fields too); `errors` names each field.',
  401: 'Not authenticated.',
  403: 'Not allowed for this role.',
  404: 'Not found (also for what exists but the caller may not see).',
  409: 'State conflict.',
  410: 'The link has expired or was revoked.',
  413: 'The request body is too large.',
  415: 'Wrong media type.',
  422: 'A valid request that breaks a business rule.',
  429: 'Too many requests; see Retry-After.',
  503: 'A dependency is unavailable, or the change kept losing a race with others in the database (`SERVICE.CONTENTION`; nothing was saved): send it again after Retry-After.',
};

/**
 * Problem details (RFC 9457) for each status this route can answer beyond the ones every route of
 * its kind answers (added in document.ts). Carried as an extension so that the route keeps the
 * success response the plugin infers; document.ts turns it into responses.
 */
export const ApiProblems = (...statuses: number[]) => ApiExtension(PROBLEMS_EXTENSION, statuses);
export const PROBLEMS_EXTENSION = 'x-problems';

export const problemDescription = (status: number) => PROBLEM_DESCRIPTIONS[status] ?? 'Problem details.';

/** `?sort=field` or `?sort=-field` (descending), from the list's own allowed fields; `note`: how some field orders, or the default. */
export const ApiSort = (fields: readonly string[], note = '') =>
  ApiQuery({
    name: 'sort',
    required: false,
    description: `A field to sort by, with a leading "-" for descending order.${note ? ` ${note}` : ''}`,
    schema: { type: 'string', enum: fields.flatMap((f) => [f, `-${f}`]) },
  });
