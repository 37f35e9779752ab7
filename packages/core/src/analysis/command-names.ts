/*
 * Tests on command names (argv[0] without its directory). Each analysis exports the names it
 * recognises, so that rules and the analyses built on them can pass over every other command
 * with one lookup before any parsing: most commands of a RUN concern no given rule.
 */

/** Whether a command of this name may be one an analysis recognises (a necessary condition, not a sufficient one). */
export type NameTest = (name: string | null) => boolean;

/** The test, with its answers kept per name: names repeat across RUNs and files, and regular expressions cost more than a lookup. */
export function rememberedNameTest(test: NameTest): NameTest {
  const answers = new Map<string | null, boolean>();
  return (name) => {
    let answer = answers.get(name);
    if (answer === undefined) answers.set(name, (answer = test(name)));
    return answer;
  };
}

/** Passes names that pass any of the tests. */
export function anyOf(...tests: NameTest[]): NameTest {
  return rememberedNameTest((name) => tests.some((test) => test(name)));
}

/**
 * A set of commands told apart by name (the apt tools, npm…), for quick tests on whole RUNs: each
 * family has a bit, and the bits of a name are found once. Declare families at module level.
 */
export interface CommandFamily {
  readonly test: NameTest;
  readonly bit: number;
}

const families: CommandFamily[] = [];
const bitsByName = new Map<string | null, number>();

export function commandFamily(test: NameTest): CommandFamily {
  // Bit 31 would make the numbers negative; far more families than the rules need.
  if (families.length === 31) throw new Error('At most 31 command families');
  const family = { test, bit: 1 << families.length };
  families.push(family);
  // Answers found before lack the new family's bit.
  bitsByName.clear();
  return family;
}

/** Changes whenever a family is declared: bits kept from an earlier generation are stale. */
export function familyGeneration(): number {
  return families.length;
}

/** The bits of the families a command name belongs to. */
export function familyBits(name: string | null): number {
  let bits = bitsByName.get(name);
  if (bits === undefined) {
    bits = 0;
    for (const family of families) if (family.test(name)) bits |= family.bit;
    bitsByName.set(name, bits);
  }
  return bits;
}
