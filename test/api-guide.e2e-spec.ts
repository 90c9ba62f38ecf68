import { readFileSync } from 'node:fs';
import { UsersService } from '@app/identity';
import { startTestApi, type TestApi } from './support/app.js';

/** docs/api-guide.md's curl examples, run in order against a fresh API (each response also checked against /docs-json). */
const GUIDE = readFileSync(new URL('../docs/api-guide.md', import.meta.url), 'utf8');

interface Example {
  command: string;
  status: number;
  expected: string | null;
  captures: [string, string][];
}

function examples(markdown: string): Example[] {
  return [...markdown.matchAll(/```sh\n([\s\S]*?)```/g)].map(([, block]) => {
    const lines = block.trimEnd().split('\n');
    const result = lines.pop() ?? '';
    const match = /^# -> (\d{3})(?: (\{.*?\}))?((?:\s+[A-Z]+=\.\w+)*)\s*$/.exec(result);
    if (!match) throw new Error(`an example must end with "# -> STATUS {...}": ${result}`);
    const captures = [...match[3].matchAll(/([A-Z]+)=\.(\w+)/g)].map((m) => [m[1], m[2]] as [string, string]);
    return {
      command: lines.join('\n').replace(/\\\n\s*/g, ' '),
      status: Number(match[1]),
      expected: match[2] ?? null,
      captures,
    };
  });
}

/** Shell words, as sh splits them: quotes removed, adjacent quoted and bare parts joined. */
function words(command: string): string[] {
  const out: string[] = [];
  let word: string | null = null;
  for (let i = 0; i < command.length; i++) {
    const c = command[i];
    if (c === "'" || c === '"') {
      const end = command.indexOf(c, i + 1);
      word = (word ?? '') + command.slice(i + 1, end);
      i = end;
    } else if (/\s/.test(c)) {
      if (word !== null) out.push(word);
      word = null;
    } else word = (word ?? '') + c;
  }
  if (word !== null) out.push(word);
  return out;
}

function curl(argv: string[]) {
  const request: { method: string; url: string; headers: Record<string, string>; payload?: string } = {
    method: 'GET',
    url: '',
    headers: {},
  };
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-s') continue;
    if (arg === '-X') request.method = argv[++i];
    else if (arg === '-H') {
      const [name, ...value] = argv[++i].split(':');
      request.headers[name.trim().toLowerCase()] = value.join(':').trim();
    } else if (arg === '-d') request.payload = argv[++i];
    else request.url = arg;
  }
  return request;
}

describe('docs/api-guide.md', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ RATE_LIMIT_PER_MINUTE: '10000' });
    // The guide's incident is detected at 08:30 that morning.
    api.clock.freeze(new Date('2026-11-30T12:00:00Z'));
    await api.app.get(UsersService).create({
      email: 'buyer@trust.nhs.test',
      name: 'Buyer',
      role: 'procurement',
      password: 'correct horse battery staple',
    });
  });
  afterAll(() => api.close());

  it('has examples for authentication, paging, errors and idempotency keys', () => {
    const all = examples(GUIDE)
      .map((e) => e.command)
      .join('\n');
    for (const topic of ['/api/v1/auth/login', 'pageSize=', '"colour"', 'idempotency-key:'])
      expect(all).toContain(topic);
  });

  it('answers every curl example as the guide says', async () => {
    const variables: Record<string, string> = { API: api.config.http.baseUrl };
    const substitute = (text: string) =>
      text.replace(/\$([A-Z]+)/g, (_m, name: string) => variables[name] ?? `$${name}`);
    for (const example of examples(GUIDE)) {
      const request = curl(words(substitute(example.command)));
      const response = await api.request({
        method: request.method as 'GET',
        url: request.url.replace(api.config.http.baseUrl, ''),
        headers: request.headers,
        ...(request.payload ? { payload: request.payload } : {}),
      });
      const shown = `${example.command.slice(0, 120)}... -> ${response.statusCode} ${response.body.slice(0, 300)}`;
      expect({ example: shown, status: response.statusCode }).toEqual({ example: shown, status: example.status });
      if (example.expected) expect(response.json()).toMatchObject(JSON.parse(substitute(example.expected)));
      for (const [name, field] of example.captures) variables[name] = response.json()[field];
    }
    expect(variables.INCIDENT).toMatch(/^[0-9a-f-]{36}$/);
  });
});
