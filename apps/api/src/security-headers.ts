import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import Fastify from 'fastify';

/** What Fastify itself puts on an answer (not a security header). */
const FASTIFY_OWN = new Set(['content-type', 'content-length', 'date', 'connection', 'keep-alive']);

/**
 * Helmet's security headers for a fixed configuration, worked out once at start-up by asking
 * @fastify/helmet itself (on a throw-away instance). The headers depend only on the options (no
 * nonces), so every response gets the same set; registered on the app, @fastify/helmet rebuilds
 * Helmet's middleware (parsing the CSP directives again) on every request, a tenth of the cost of
 * a trivial request.
 */
export async function securityHeaders(options: FastifyHelmetOptions): Promise<Record<string, string>> {
  const probe = Fastify();
  await probe.register(helmet, options);
  probe.get('/', async () => 'probe');
  const answer = await probe.inject({ method: 'GET', url: '/' });
  await probe.close();
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(answer.headers))
    if (!FASTIFY_OWN.has(name) && typeof value === 'string') headers[name] = value;
  return headers;
}
