/**
 * Path arithmetic for paths inside an image. A path may start with `?` instead of `/`: it is then
 * relative to a working directory we cannot know (the base image's WORKDIR). Two such paths in
 * the same stage still compare correctly, and they never match an absolute path.
 */

export function normalizePath(path: string): string | null {
  // Most paths are already normal: nothing to split.
  return isNormal(path) ? path : normalizeBySegments(path);
}

/** `normalizePath` segment by segment: the general case, and the reference the fast path is tested against. */
export function normalizeBySegments(path: string): string | null {
  const unknownBase = path.startsWith('?');
  const body = unknownBase ? path.slice(1) : path;
  if (!unknownBase && !body.startsWith('/')) return null;
  const parts: string[] = [];
  for (const part of body.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) {
        if (unknownBase) return null;
        continue;
      }
      parts.pop();
    } else parts.push(part);
  }
  return (unknownBase ? '?/' : '/') + parts.join('/');
}

/** `/`, or `/a/b` or `?/a/b` without empty, `.` or `..` segments and without a trailing slash. */
function isNormal(path: string): boolean {
  if (path === '/') return true;
  if (!(path.startsWith('/') || path.startsWith('?/')) || path.endsWith('/')) return false;
  return !ABNORMAL_SEGMENT.test(path);
}

const ABNORMAL_SEGMENT = /\/\/|\/\.\.?(\/|$)/;

/** Resolves `path` against `cwd`; null when the result cannot be known statically. */
export function resolvePath(cwd: string | null, path: string): string | null {
  if (path === '') return null;
  if (path.startsWith('/')) return normalizePath(path);
  if (cwd === null) return null;
  return normalizePath(`${cwd}/${path}`);
}

/** True when `path` is `ancestor` or lies below it. */
export function isWithin(path: string, ancestor: string): boolean {
  if (ancestor === '/' ) return path.startsWith('/');
  if (ancestor === '?/') return path.startsWith('?/');
  return path === ancestor || path.startsWith(ancestor.endsWith('/') ? ancestor : `${ancestor}/`);
}

function segments(path: string): string[] {
  return path.split('/').filter((s, i) => s !== '' || i === 0);
}

/** Shell glob match of one path segment (`*`, `?`, `[...]`), linear in practice. */
export function matchSegment(pattern: string, text: string): boolean {
  if (!/[*?[]/.test(pattern)) return pattern === text;
  let p = 0;
  let t = 0;
  let starP = -1;
  let starT = 0;
  while (t < text.length) {
    if (p < pattern.length && pattern[p] === '*') {
      starP = p++;
      starT = t;
      continue;
    }
    if (p < pattern.length) {
      const step = matchOne(pattern, p, text[t]);
      if (step > 0) {
        p += step;
        t++;
        continue;
      }
    }
    if (starP === -1) return false;
    p = starP + 1;
    t = ++starT;
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

/** Length of the pattern element at `p` if it matches `char`, else 0. */
function matchOne(pattern: string, p: number, char: string): number {
  const c = pattern[p];
  if (c === '?') return 1;
  if (c === '[') {
    const close = pattern.indexOf(']', p + 2);
    if (close === -1) return c === char ? 1 : 0;
    let body = pattern.slice(p + 1, close);
    const negate = body.startsWith('!') || body.startsWith('^');
    if (negate) body = body.slice(1);
    let found = false;
    for (let i = 0; i < body.length; i++) {
      if (body[i + 1] === '-' && i + 2 < body.length) {
        if (char >= body[i] && char <= body[i + 2]) found = true;
        i += 2;
      } else if (body[i] === char) found = true;
    }
    return found !== negate ? close - p + 1 : 0;
  }
  return c === char ? 1 : 0;
}

/**
 * True when removing `pattern` (a path, maybe with globs, as `rm -r` takes it) removes `path`:
 * the pattern matches the path itself or one of its ancestors. Hidden files are not matched by a
 * leading `*`, as in the shell.
 */
export function removes(pattern: string, path: string): boolean {
  // Without globs, and with both in normal form, the segment comparison is a string prefix test.
  if (!hasGlob(pattern) && isNormal(pattern) && isNormal(path)) {
    if (pattern === '/') return path.startsWith('/');
    return path === pattern || (path.startsWith(pattern) && path.charCodeAt(pattern.length) === 47 /* / */);
  }
  return removesBySegments(pattern, path);
}

/** `*`, `?` or `[` past the `?/` that marks an unknown base (which is compared literally). */
function hasGlob(pattern: string): boolean {
  for (let i = pattern.startsWith('?/') ? 2 : 0; i < pattern.length; i++) {
    const c = pattern.charCodeAt(i);
    if (c === 42 /* * */ || c === 63 /* ? */ || c === 91 /* [ */) return true;
  }
  return false;
}

/** `removes`, segment by segment: the general case, and the reference the fast path is tested against. */
export function removesBySegments(pattern: string, path: string): boolean {
  const pat = segments(pattern);
  const target = segments(path);
  if (pat[0] !== target[0]) return false;
  if (pat.length > target.length) return false;
  for (let i = 1; i < pat.length; i++) {
    if (!matchSegment(pat[i], target[i])) return false;
    if (target[i].startsWith('.') && !pat[i].startsWith('.') && pat[i] !== target[i]) return false;
  }
  return true;
}

export function baseName(path: string): string {
  let end = path.length;
  while (end > 0 && path.charCodeAt(end - 1) === 47 /* / */) end--;
  return path.slice(path.lastIndexOf('/', end - 1) + 1, end);
}

/** A path for messages: relative to the unknown base WORKDIR it is shown as written, without `?/`. */
export function displayPath(path: string): string {
  return path.startsWith('?/') ? path.slice(2) : path;
}
