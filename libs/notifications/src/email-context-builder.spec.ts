import { contextBuilderMap, type EmailContextBuilder } from './email-context-builder.js';

const builder = (...templates: string[]): EmailContextBuilder => ({
  templates,
  prepare: async () => ({ skip: templates.join() }),
});

describe('the email context registry', () => {
  it('finds each template its builder', () => {
    const assessment = builder('assessment-invitation', 'assessment-reminder');
    const digest = builder('committee-digest');
    const map = contextBuilderMap([assessment, digest]);
    expect(map.get('assessment-reminder')).toBe(assessment);
    expect(map.get('committee-digest')).toBe(digest);
    expect(map.get('no-such-template')).toBeUndefined();
  });

  it('refuses a template claimed by two builders', () => {
    expect(() => contextBuilderMap([builder('committee-digest'), builder('committee-digest')])).toThrow(
      'two email context builders claim the template committee-digest',
    );
  });
});
