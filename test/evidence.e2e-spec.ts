import { addDays } from '@app/platform';
import { createHash } from 'node:crypto';
import { startTestApi, type TestApi } from './support/app.js';
import { signIn, type SignedIn } from './support/users.js';

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);

function multipart(question: string | null, filename: string, content: Buffer) {
  const boundary = `----assure${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  if (question !== null)
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="question"\r\n\r\n${question}\r\n`));
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('evidence files', () => {
  let api: TestApi;
  let buyer: SignedIn;
  let assessmentId: string;
  let token: string;

  beforeAll(async () => {
    api = await startTestApi({ RATE_LIMIT_PER_MINUTE: '10000', BODY_LIMIT_BYTES: String(12 * 1024 * 1024) });
    buyer = await signIn(api, 'procurement');
    const definition = {
      key: 'evidence-check',
      version: 1,
      title: 'Evidence check',
      sections: [
        {
          key: 'certs',
          title: 'Certificates',
          questions: [
            {
              code: 'EVD-01',
              text: 'Do you hold Cyber Essentials Plus?',
              type: 'yes_no',
              evidence: 'required',
              mappings: [{ framework: 'CYBER-ESSENTIALS', ref: 'firewalls' }],
              recommendation: 'Certify.',
            },
            { code: 'EVD-02', text: 'Anything else to tell us?', type: 'text', required: false },
          ],
        },
      ],
    };
    expect(
      (
        await api.request({
          method: 'POST',
          url: '/api/v1/questionnaires',
          headers: buyer.headers,
          payload: definition,
        })
      ).statusCode,
    ).toBe(201);
    const supplier = await api.request({
      method: 'POST',
      url: '/api/v1/suppliers',
      headers: buyer.headers,
      payload: {
        name: 'Evidence Ltd',
        kind: 'supplier',
        criticality: 'low',
        status: 'active',
        contacts: [{ name: 'Eve', email: 'eve@evidence.example', role: 'primary' }],
      },
    });
    const sent = await api.request({
      method: 'POST',
      url: '/api/v1/assessments',
      headers: buyer.headers,
      payload: {
        supplierId: supplier.json().id,
        questionnaireKey: 'evidence-check',
        dueDate: addDays(api.clock.today(), 60),
      },
    });
    assessmentId = sent.json().id;
    token = sent.json().invitationUrl.split('/portal/i/')[1];
  });
  afterAll(() => api.close());

  const upload = (question: string | null, filename: string, content: Buffer) => {
    const body = multipart(question, filename, content);
    return api.request({
      method: 'POST',
      url: '/portal/assessment/evidence',
      headers: { ...body.headers, authorization: `Bearer ${token}`, accept: 'application/json' },
      payload: body.payload,
    });
  };

  it('keeps a submission back until required evidence is attached', async () => {
    await api.request({
      method: 'POST',
      url: '/portal/assessment/answers',
      headers: { authorization: `Bearer ${token}` },
      payload: { answers: [{ code: 'EVD-01', value: 'yes', version: 0 }] },
    });
    const submit = await api.request({
      method: 'POST',
      url: '/portal/assessment/submit',
      headers: { authorization: `Bearer ${token}` },
      payload: { attestation: { name: 'Eve', jobTitle: 'CISO', confirmed: true } },
    });
    expect(submit.statusCode).toBe(422);
    expect(submit.json().errors).toEqual([
      { path: 'evidence.EVD-01', message: expect.stringContaining('needs an evidence file') },
    ]);
  });

  it('recognises a file by its content, not its name: a PNG named .pdf is stored as a PNG', async () => {
    const res = await upload('EVD-01', 'certificate.pdf', PNG);
    expect(res.statusCode).toBe(201);
    const sha256 = createHash('sha256').update(PNG).digest('hex');
    expect(res.json()).toEqual({
      id: expect.any(String),
      question: 'EVD-01',
      mediaType: 'image/png',
      size: PNG.length,
      sha256,
      fileName: `evidence-EVD-01-${sha256.slice(0, 12)}.png`,
    });

    const detail = await api.request({
      method: 'GET',
      url: `/api/v1/assessments/${assessmentId}`,
      headers: buyer.headers,
    });
    expect(detail.json().evidence).toEqual([
      expect.objectContaining({ id: res.json().id, mediaType: 'image/png', sha256 }),
    ]);
    const download = await api.request({
      method: 'GET',
      url: `/api/v1/assessments/${assessmentId}/evidence/${res.json().id}`,
      headers: buyer.headers,
    });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="evidence-EVD-01-${sha256.slice(0, 12)}.png"`,
    );
    expect(download.headers['content-type']).toBe('image/png');
    expect(download.rawPayload.equals(PNG)).toBe(true);
    expect(
      (await api.request({ method: 'GET', url: `/api/v1/assessments/${assessmentId}/evidence/${res.json().id}` }))
        .statusCode,
    ).toBe(401);

    const submit = await api.request({
      method: 'POST',
      url: '/portal/assessment/submit',
      headers: { authorization: `Bearer ${token}` },
      payload: { attestation: { name: 'Eve', jobTitle: 'CISO', confirmed: true } },
    });
    expect(submit.statusCode).toBe(200);
  });

  it('refuses executables, files over 10 MB, questions that take no evidence, and uploads without a link', async () => {
    // The assessment above is submitted: use a fresh one.
    const supplier = await api.request({
      method: 'POST',
      url: '/api/v1/suppliers',
      headers: buyer.headers,
      payload: {
        name: 'Evidence Two Ltd',
        kind: 'supplier',
        criticality: 'low',
        status: 'active',
        contacts: [{ name: 'Eve', email: 'eve2@evidence.example', role: 'primary' }],
      },
    });
    const sent = await api.request({
      method: 'POST',
      url: '/api/v1/assessments',
      headers: buyer.headers,
      payload: {
        supplierId: supplier.json().id,
        questionnaireKey: 'evidence-check',
        dueDate: addDays(api.clock.today(), 60),
      },
    });
    token = sent.json().invitationUrl.split('/portal/i/')[1];

    const exe = await upload('EVD-01', 'report.pdf', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 1)]));
    expect(exe.statusCode).toBe(415);
    expect(exe.json().errors[0].path).toBe('file');
    const tooBig = await upload('EVD-01', 'big.txt', Buffer.alloc(10 * 1024 * 1024 + 1, 0x61));
    expect(tooBig.statusCode).toBe(413);
    const exactly = await upload('EVD-01', 'ten-megabytes.txt', Buffer.alloc(10 * 1024 * 1024, 0x61));
    expect(exactly.statusCode).toBe(201);
    expect(exactly.json().mediaType).toBe('text/plain');
    const noEvidence = await upload('EVD-02', 'notes.txt', Buffer.from('hello'));
    expect(noEvidence.statusCode).toBe(422);
    const noQuestion = await upload(null, 'notes.txt', Buffer.from('hello'));
    expect(noQuestion.statusCode).toBe(400);
    const body = multipart('EVD-01', 'x.png', PNG);
    expect(
      (
        await api.request({
          method: 'POST',
          url: '/portal/assessment/evidence',
          headers: body.headers,
          payload: body.payload,
        })
      ).statusCode,
    ).toBe(401);
  });
});
