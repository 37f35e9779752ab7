import { anyOf, commandFamily, familyBits, familyGeneration, rememberedNameTest } from './command-names';

describe('command name tests', () => {
  it('remember their answer per name', () => {
    const asked: (string | null)[] = [];
    const isTar = rememberedNameTest((name) => {
      asked.push(name);
      return name === 'tar';
    });
    expect([isTar('tar'), isTar('tar'), isTar('curl'), isTar(null), isTar('curl')]).toEqual([true, true, false, false, false]);
    expect(asked).toEqual(['tar', 'curl', null]);
  });

  it('combine with anyOf', () => {
    const either = anyOf((n) => n === 'a', (n) => n === 'b');
    expect(['a', 'b', 'c', null].map(either)).toEqual([true, true, false, false]);
  });

  it('give each family its own bit, and a name the bits of every family it belongs to', () => {
    const before = familyGeneration();
    const letters = commandFamily((n) => n !== null && /^[a-z]+$/.test(n));
    const short = commandFamily((n) => n !== null && n.length <= 3);
    expect(familyGeneration()).toBe(before + 2);
    expect(letters.bit).not.toBe(short.bit);
    expect(familyBits('abc') & (letters.bit | short.bit)).toBe(letters.bit | short.bit);
    expect(familyBits('abcdef') & (letters.bit | short.bit)).toBe(letters.bit);
    expect(familyBits('a1') & (letters.bit | short.bit)).toBe(short.bit);
    expect(familyBits(null) & (letters.bit | short.bit)).toBe(0);
  });
});
