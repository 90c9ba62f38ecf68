import createClient from 'openapi-fetch';
import type { paths } from '@dev/openapi-client';
import type { TestApi } from './app.js';

/**
 * The client generated from /docs-json alone (openapi-typescript types + openapi-fetch), sending
 * through the test app's request helper (so every response is also checked against the document).
 */
export function typedClient(api: TestApi, headers: Record<string, string> = {}) {
  return createClient<paths>({
    baseUrl: api.config.http.baseUrl,
    headers,
    fetch: async (request: Request) => {
      const url = new URL(request.url);
      const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
      const response = await api.request({
        method: request.method as 'GET',
        url: `${url.pathname}${url.search}`,
        headers: Object.fromEntries(request.headers.entries()),
        ...(body ? { payload: body } : {}),
      });
      return new Response(response.statusCode === 204 ? null : response.rawPayload, {
        status: response.statusCode,
        headers: Object.entries(response.headers).flatMap(([name, value]) =>
          value === undefined
            ? []
            : (Array.isArray(value) ? value : [String(value)]).map((v) => [name, v] as [string, string]),
        ),
      });
    },
  });
}
