import { memoize, memoizeByVariant } from './memo';

describe('memoize', () => {
  it('computes once per key object, an undefined answer included', () => {
    const calls: object[] = [];
    const lookup = memoize((key: { n: number }) => {
      calls.push(key);
      return key.n > 0 ? key.n * 2 : undefined;
    });
    const a = { n: 2 };
    const b = { n: 0 };
    expect([lookup(a), lookup(a), lookup(b), lookup(b)]).toEqual([4, 4, undefined, undefined]);
    expect(calls).toEqual([a, b]);
  });

  it('keeps the answers of each variant apart', () => {
    let calls = 0;
    const scaled = memoizeByVariant((key: { n: number }, factor: number) => {
      calls++;
      return key.n * factor;
    });
    const a = { n: 3 };
    expect([scaled(a, 2), scaled(a, 10), scaled(a, 2), scaled(a, 10)]).toEqual([6, 30, 6, 30]);
    expect(calls).toBe(2);
  });
});
