import type { ShellCommand, ShellWord } from '../parse/model';
import { memoizeByVariant } from './memo';

/** Splits a command's arguments (after argv[0]) into options and operands, POSIX/GNU style. */
export interface ParsedArguments {
  /** Options by name: `-x` as `x`, `--long` as `long`; values are their arguments when they take one. */
  options: Map<string, (string | null)[]>;
  operands: ShellWord[];
}

/**
 * `valued` lists the options that take an argument (short letters and long names). Short flags
 * may be bundled (`-xzf file`); `--` ends options.
 */
export function parseArguments(words: ShellWord[], valued: ReadonlySet<string>): ParsedArguments {
  const options = new Map<string, (string | null)[]>();
  const operands: ShellWord[] = [];
  const add = (name: string, value: string | null) => {
    const values = options.get(name);
    if (values) values.push(value);
    else options.set(name, [value]);
  };
  for (let i = 0; i < words.length; i++) {
    const value = words[i].value;
    if (value === null || value === '-' || !value.startsWith('-')) {
      operands.push(words[i]);
      continue;
    }
    if (value === '--') {
      operands.push(...words.slice(i + 1));
      break;
    }
    if (value.startsWith('--')) {
      const eq = value.indexOf('=');
      const name = eq === -1 ? value.slice(2) : value.slice(2, eq);
      if (eq !== -1) add(name, value.slice(eq + 1));
      else if (valued.has(name)) add(name, words[++i]?.value ?? null);
      else add(name, null);
      continue;
    }
    for (let k = 1; k < value.length; k++) {
      const letter = value[k];
      if (valued.has(letter)) {
        add(letter, k + 1 < value.length ? value.slice(k + 1) : (words[++i]?.value ?? null));
        break;
      }
      add(letter, null);
    }
  }
  return { options, operands };
}

export function args(command: ShellCommand): ShellWord[] {
  return command.argv.slice(1);
}

/** For commands none of whose options take an argument. */
export const NO_VALUED_OPTIONS: ReadonlySet<string> = new Set();

/**
 * `parseArguments(args(command), valued)`, parsed once per command and option spec: several
 * rules and analyses read the same command with the same spec. Pass a module-level constant for
 * `valued`; the result is shared, so do not change it.
 */
export const commandArguments: (command: ShellCommand, valued: ReadonlySet<string>) => ParsedArguments = memoizeByVariant((command, valued) =>
  parseArguments(args(command), valued),
);

/** The first operand (e.g. `install` in `apt-get -y install x`), skipping options and their values. */
export function subcommand(command: ShellCommand, valued: ReadonlySet<string> = NO_VALUED_OPTIONS): ShellWord | undefined {
  return commandArguments(command, valued).operands[0];
}
