import { can, PERMISSIONS } from './access.js';

describe('can(user, action): who may do what', () => {
  it('lets admin do everything and nobody signed out do anything', () => {
    for (const action of Object.keys(PERMISSIONS) as (keyof typeof PERMISSIONS)[]) {
      expect(can({ role: 'admin' }, action)).toBe(true);
      expect(can(null, action)).toBe(false);
    }
  });

  it('keeps acceptance and raising a score with governance, sending and reviewing with procurement', () => {
    expect(can({ role: 'governance' }, 'finding.accept')).toBe(true);
    expect(can({ role: 'procurement' }, 'finding.accept')).toBe(false);
    expect(can({ role: 'procurement' }, 'score.raise')).toBe(false);
    expect(can({ role: 'procurement' }, 'assessment.send')).toBe(true);
    expect(can({ role: 'governance' }, 'assessment.send')).toBe(false);
    expect(can({ role: 'viewer' }, 'finding.read')).toBe(false);
    expect(can({ role: 'governance' }, 'user.manage')).toBe(false);
  });
});
