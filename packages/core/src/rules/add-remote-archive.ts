import { consumedFiles, urlFileName } from '../analysis/downloads';
import type { Instruction } from '../parse/model';
import { resolvePath } from '../parse/paths';
import { docsUrl, type Report, type Rule } from './rule';

const ARCHIVE = /\.(tar|tgz|tbz2?|txz|tzst|zip|7z|rar|jar|war|deb|rpm|apk|whl)$|\.tar\.(gz|bz2|xz|zst|lz4|lzma)$|\.(gz|bz2|xz|zst)$/i;
const REMOTE = /^(https?|ftp):\/\//i;

/** The path an ADD of a URL writes: into the destination directory under the URL's file name, or the destination itself. */
function addedPath(instruction: Instruction, url: string): string | null {
  const destination = instruction.copy?.destination;
  if (!destination) return null;
  const base = instruction.context.workdir ?? '?';
  const intoDirectory = /(^|\/)\.{0,2}$/.test(destination) || destination.endsWith('/') || (instruction.copy?.sources.length ?? 0) > 1;
  const name = urlFileName(url);
  if (intoDirectory && !name) return null;
  return resolvePath(base, intoDirectory ? `${destination.replace(/\/?$/, '/')}${name}` : destination);
}

export const addRemoteArchive: Rule = {
  meta: {
    id: 'add-remote-archive',
    description: 'Do not ADD a remote archive only to extract it later: the archive stays in the ADD layer',
    defaultSeverity: 'error',
    fixable: false,
    aliases: [],
    docs: docsUrl('add-remote-archive'),
  },
  check(context) {
    const reports: Report[] = [];
    for (const instruction of context.model.instructions) {
      if (instruction.keyword !== 'ADD' || !instruction.copy || !instruction.stage.shipped) continue;
      const flags = context.model.text.slice(instruction.start + 3, instruction.argsStart);
      if (/--unpack\b/.test(flags)) continue;
      for (const url of instruction.copy.sources.filter((s) => REMOTE.test(s))) {
        if (!ARCHIVE.test(url.replace(/[?#].*$/, ''))) continue;
        const path = addedPath(instruction, url);
        if (!path) continue;
        const later = instruction.stage.instructions.slice(instruction.indexInStage + 1);
        const extraction = later
          .flatMap((i) => i.run?.script?.commands ?? [])
          .find((c) => consumedFiles(c).some((w) => w.value !== null && resolvePath(c.cwd, w.value) === path));
        if (!extraction) continue;
        const name = urlFileName(url) ?? path;
        reports.push({
          start: instruction.start,
          end: instruction.end,
          message:
            `ADD downloads ${name} into its own layer and the RUN at line ${context.index.lineOf(extraction.start) + 1} extracts it, so the archive ships even if it is removed later. ` +
            `Download, extract and remove it in one RUN (\`RUN curl -fsSL ${url} | tar -xz -C <dir>\`), or let BuildKit unpack it (\`ADD --unpack=true\`, Dockerfile syntax 1.17+).`,
        });
      }
    }
    return reports;
  },
};
