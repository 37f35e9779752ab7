/**
 * A small glob-to-RegExp compiler for the two kinds of patterns this package matches against
 * workspace-relative paths: package-manager workspace globs (`packages/*`, `apps/**`) and Dockerfile
 * basename globs (`Dockerfile.*`). Written here rather than borrowed from minimatch because
 * minimatch is not our dependency and the plugin module must stay light.
 *
 * Supported: `*` (within a segment), `**` (any number of segments, including none), `?`, `{a,b}`.
 * Dots are matched literally and `*` does match a leading dot, as Nx's own file globs do.
 */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  let braceDepth = 0;
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i];
    if (char === '*') {
      if (glob[i + 1] === '*') {
        const atSegmentStart = i === 0 || glob[i - 1] === '/';
        const atSegmentEnd = i + 2 === glob.length || glob[i + 2] === '/';
        if (atSegmentStart && atSegmentEnd) {
          if (glob[i + 2] === '/') {
            // `**/` matches zero or more whole directories.
            source += '(?:[^/]*/)*';
            i += 2;
          } else {
            source += '.*';
            i += 1;
          }
          continue;
        }
      }
      source += '[^/]*';
    } else if (char === '?') {
      source += '[^/]';
    } else if (char === '{') {
      braceDepth++;
      source += '(?:';
    } else if (char === '}' && braceDepth > 0) {
      braceDepth--;
      source += ')';
    } else if (char === ',' && braceDepth > 0) {
      source += '|';
    } else {
      source += char.replace(/[.+^$()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`);
}

/** A matcher for a list of globs where entries starting with `!` exclude. */
export function createGlobMatcher(globs: readonly string[]): (path: string) => boolean {
  const include = globs.filter((g) => !g.startsWith('!')).map(globToRegExp);
  const exclude = globs.filter((g) => g.startsWith('!')).map((g) => globToRegExp(g.slice(1)));
  return (path) => include.some((re) => re.test(path)) && !exclude.some((re) => re.test(path));
}
