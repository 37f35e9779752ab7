import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeDockerfile } from '../../files/read';

/**
 * The shared real-world corpus beside the checkout (../shared/corpus/realworld), read-only. As in
 * corpus/realworld.spec.ts: absent on a user's clone (then the tests say so and pass), required
 * when LAYERLINT_REQUIRE_CORPUS=1 (CI).
 */
export const CORPUS = join(__dirname, '..', '..', '..', '..', '..', '..', 'shared', 'corpus', 'realworld');

function filesBelow(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return filesBelow(path);
      return entry.name === 'MANIFEST.tsv' ? [] : [path];
    });
}

/** The corpus texts in a stable order (so a seed picks the same file everywhere), or null when absent. */
export function loadCorpus(): { path: string; text: string }[] | null {
  if (!existsSync(CORPUS)) {
    if (process.env.LAYERLINT_REQUIRE_CORPUS === '1') throw new Error(`corpus folder ${CORPUS} is absent but LAYERLINT_REQUIRE_CORPUS=1`);
    console.warn(`[reliability] corpus mutations SKIPPED: ${CORPUS} is absent`);
    return null;
  }
  const out: { path: string; text: string }[] = [];
  for (const path of filesBelow(CORPUS)) {
    const read = decodeDockerfile(readFileSync(path));
    if (read.ok) out.push({ path, text: read.text });
  }
  return out;
}
