import { describe, expect, it } from 'vitest';
import { withField } from './use-draft.ts';

type Draft = { host: string; port: string; username: string };

describe('withField', () => {
  it('changes one field of the draft it is given, so that updates queued one after the other all stay', () => {
    const draft: Draft = { host: '', port: '', username: '' };
    const queued: Array<(current: Draft) => Draft> = [withField('host', 'proxy.test'), withField('port', '8080'), withField('username', 'carol')];
    expect(queued.reduce((current, update) => update(current), draft)).toEqual({ host: 'proxy.test', port: '8080', username: 'carol' });
    expect(draft).toEqual({ host: '', port: '', username: '' });
  });
});
