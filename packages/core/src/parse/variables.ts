/**
 * ENV, ARG, USER and WORKDIR values as Docker reads them. An ENV's text (continuations joined,
 * comment lines removed) is split into words at unquoted blanks, quotes and escapes left in place;
 * when the first word holds no `=`, it is the old form `ENV name value…` (the value is the rest of
 * the line), otherwise every word is one `name=value`. ARG words are `name` or `name=default`.
 * Each value is then read as a Dockerfile word (`dockerWordValue`): quotes removed, escapes
 * applied, `$name` and `${name}` (with `:-`, `-`, `:+`, `+`) replaced by their values.
 */

/** One variable an ENV sets, its value as written (quotes and escapes still in place). */
export interface EnvDeclaration {
  name: string;
  written: string;
}

/** The variables one ENV sets, in order; none when the text is not a valid ENV. */
export function envDeclarations(args: string, escapeChar: string): EnvDeclaration[] {
  const words = splitWords(args, escapeChar);
  if (words.length === 0) return [];
  if (!words[0].includes('=')) {
    // `ENV name value with spaces`: everything after the first blank run is the value.
    const rest = args.trim();
    const blank = rest.search(/\s/);
    if (blank === -1) return [];
    return [{ name: rest.slice(0, blank), written: rest.slice(blank).trimStart() }];
  }
  const declarations: EnvDeclaration[] = [];
  for (const word of words) {
    const eq = word.indexOf('=');
    // Docker rejects the whole instruction when a word lacks `=`; none of it is then known.
    if (eq <= 0) return [];
    declarations.push({ name: word.slice(0, eq), written: word.slice(eq + 1) });
  }
  return declarations;
}

/** One variable an ARG declares, with its default as written (null: no default). */
export interface ArgDeclaration {
  name: string;
  written: string | null;
}

/** The variables one ARG declares (`ARG a`, `ARG a=1`, or several: `ARG a b=2`). */
export function argDeclarations(args: string, escapeChar: string): ArgDeclaration[] {
  return splitWords(args, escapeChar).map((word) => {
    const eq = word.indexOf('=');
    return eq === -1 ? { name: word, written: null } : { name: word.slice(0, eq), written: word.slice(eq + 1) };
  });
}

/**
 * Words at unquoted blanks. Quotes and escapes stay in the words (each value is read later), so a
 * word is a plain slice of the text: only its bounds need finding.
 */
function splitWords(text: string, escapeChar: string): string[] {
  const words: string[] = [];
  let start = -1;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === escapeChar && quote !== "'") i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (isBlank(c)) {
      if (start !== -1) words.push(text.slice(start, i));
      start = -1;
      continue;
    }
    if (start === -1) start = i;
    if (c === escapeChar) i++;
    else if (c === '"' || c === "'") quote = c;
  }
  if (start !== -1) words.push(text.slice(start));
  return words;
}

function isBlank(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || (c > '~' && /\s/.test(c)) || c === '\f' || c === '\v';
}

/**
 * A written value as Docker reads it (quotes, escapes, variables), with the variables known at
 * that point. Null when it depends on a variable whose value is unknown, or on an expansion this
 * reader does not evaluate (`${name#pattern}` and the like). A variable absent from `variables`
 * may still come from the base image, so it is unknown too, unless a `:-`/`-` default covers it.
 */
export function dockerWordValue(written: string, escapeChar: string, variables: ReadonlyMap<string, string | null>): string | null {
  // Most values are plain text, with nothing to remove or replace.
  if (!PLAIN_SPECIALS.test(written) && !written.includes(escapeChar)) return written;
  return new WordReader(written, escapeChar, variables).read('');
}

const PLAIN_SPECIALS = /["'$]/;

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;

class WordReader {
  private pos = 0;
  /** Some part of the word being read (see `read`) has an unknown value. */
  private unknown = false;

  constructor(
    private readonly text: string,
    private readonly escapeChar: string,
    private readonly variables: ReadonlyMap<string, string | null>,
  ) {}

  /** Reads up to `stop` (the `}` ending a default word) or the end; null when unknown. */
  read(stop: string): string | null {
    // A default word (`${x:-word}`) is read on its own: whether it is known matters only if it is used.
    const outer = this.unknown;
    this.unknown = false;
    let out = '';
    const { text, escapeChar } = this;
    while (this.pos < text.length) {
      const c = text[this.pos];
      if (stop && c === stop) break;
      if (c === escapeChar) {
        // An escape outside quotes keeps the next character as it is (and is dropped at the end).
        if (this.pos + 1 < text.length) out += text[this.pos + 1];
        this.pos += 2;
      } else if (c === "'") {
        const close = text.indexOf("'", this.pos + 1);
        const end = close === -1 ? text.length : close;
        out += text.slice(this.pos + 1, end);
        this.pos = end + 1;
      } else if (c === '"') {
        out += this.readDoubleQuoted();
      } else if (c === '$') {
        out += this.known(this.readExpansion());
      } else {
        out += c;
        this.pos++;
      }
    }
    const value = this.unknown ? null : out;
    this.unknown = outer;
    return value;
  }

  /** A part's value, or nothing when it is unknown (which makes the word unknown). */
  private known(value: string | null): string {
    if (value === null) this.unknown = true;
    return value ?? '';
  }

  /** `"…"`: escapes work only before `"`, `$`, the escape character itself (and a line break); variables expand. */
  private readDoubleQuoted(): string {
    const { text, escapeChar } = this;
    let out = '';
    this.pos++;
    while (this.pos < text.length && text[this.pos] !== '"') {
      const c = text[this.pos];
      if (c === escapeChar && this.pos + 1 < text.length) {
        const next = text[this.pos + 1];
        out += next === '"' || next === '$' || next === escapeChar || next === '\n' ? next : c + next;
        this.pos += 2;
      } else if (c === '$') {
        out += this.known(this.readExpansion());
      } else {
        out += c;
        this.pos++;
      }
    }
    this.pos++;
    return out;
  }

  /** `$name`, `${name}`, `${name:-word}` and kin at `$`; a `$` that starts none of them is itself. */
  private readExpansion(): string | null {
    const { text } = this;
    const start = this.pos;
    this.pos++;
    if (text[this.pos] === '{') {
      this.pos++;
      const name = this.readName();
      if (!name) return this.skipBraces();
      if (text[this.pos] === '}') {
        this.pos++;
        return this.lookup(name);
      }
      const colon = text[this.pos] === ':';
      const operator = text[this.pos + (colon ? 1 : 0)];
      if (operator !== '-' && operator !== '+') return this.skipBraces();
      this.pos += colon ? 2 : 1;
      const word = this.read('}');
      this.pos++;
      const value = this.variables.get(name);
      // Absent: unset as far as this file says. Null: set to something unknown.
      const set = value !== undefined;
      if (operator === '-') {
        if (!set) return word;
        if (value === null) return null;
        return colon && value === '' ? word : value;
      }
      if (value === null) return null;
      if (!set) return '';
      return colon && value === '' ? '' : word;
    }
    const name = this.readName();
    if (!name) {
      this.pos = start + 1;
      return '$';
    }
    return this.lookup(name);
  }

  private readName(): string {
    const { text } = this;
    const start = this.pos;
    if (!NAME_START.test(text[this.pos] ?? '')) return '';
    while (this.pos < text.length && NAME_CHAR.test(text[this.pos])) this.pos++;
    return text.slice(start, this.pos);
  }

  /** An expansion this reader does not evaluate: skip to its `}`; its value is unknown. */
  private skipBraces(): null {
    const close = this.text.indexOf('}', this.pos);
    this.pos = close === -1 ? this.text.length : close + 1;
    return null;
  }

  private lookup(name: string): string | null {
    return this.variables.get(name) ?? null;
  }
}
