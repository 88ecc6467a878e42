/** Course progress in localStorage (src/components/learn/progress.ts), with an in-memory fake storage. */
import { describe, expect, it } from 'vitest';
import { isComplete, markComplete, PROGRESS_KEY, readProgress, resetProgress, type ProgressStorage } from '../../src/components/learn/progress.ts';

function fakeStorage(initial: Record<string, string> = {}): ProgressStorage & { data: Record<string, string> } {
  const data = { ...initial };
  return {
    data,
    getItem: (k) => (k in data ? data[k]! : null),
    setItem: (k, v) => {
      data[k] = String(v);
    },
    removeItem: (k) => {
      delete data[k];
    },
  };
}

describe('progress', () => {
  it('records a solved exercise once, keeping the first time', () => {
    const s = fakeStorage();
    expect(isComplete('a', s)).toBe(false);
    expect(markComplete('a', new Date('2026-01-01T00:00:00Z'), s)).toBe(true);
    expect(markComplete('a', new Date('2026-02-01T00:00:00Z'), s)).toBe(true);
    expect(readProgress(s)).toEqual({ a: '2026-01-01T00:00:00.000Z' });
    expect(JSON.parse(s.data[PROGRESS_KEY]!)).toEqual({ v: 1, done: { a: '2026-01-01T00:00:00.000Z' } });
    markComplete('b', new Date('2026-01-02T00:00:00Z'), s);
    expect(Object.keys(readProgress(s)).sort()).toEqual(['a', 'b']);
  });

  it('reset forgets everything', () => {
    const s = fakeStorage();
    markComplete('a', new Date(), s);
    expect(resetProgress(s)).toBe(true);
    expect(readProgress(s)).toEqual({});
    expect(s.data[PROGRESS_KEY]).toBeUndefined();
  });

  it('reads corrupt or foreign data as nothing done', () => {
    expect(readProgress(fakeStorage({ [PROGRESS_KEY]: '{' }))).toEqual({});
    expect(readProgress(fakeStorage({ [PROGRESS_KEY]: '{"v":2,"done":{"a":"x"}}' }))).toEqual({});
    expect(readProgress(fakeStorage({ [PROGRESS_KEY]: '{"v":1,"done":{"a":1,"b":"t"}}' }))).toEqual({ b: 't' });
  });

  it('never throws when storage does', () => {
    const broken: ProgressStorage = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
      removeItem: () => {
        throw new Error('denied');
      },
    };
    expect(readProgress(broken)).toEqual({});
    expect(markComplete('a', new Date(), broken)).toBe(false);
    expect(resetProgress(broken)).toBe(false);
    expect(markComplete('a', new Date(), undefined)).toBe(false);
  });
});
