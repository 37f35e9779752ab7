import type { ShellCommand, ShellWord } from '../parse/model';
import { baseName, resolvePath } from '../parse/paths';
import { args, parseArguments } from './arguments';
import type { NameTest } from './command-names';
import { memoize } from './memo';

export interface Download {
  command: ShellCommand;
  /** The file name as the user wrote it (or derived from the URL), relative to the command's cwd. */
  written: string;
  /** Resolved path, or null when it cannot be known. */
  path: string | null;
}

// Short and long curl options that take an argument.
const CURL_VALUED = new Set([
  ...'AbcCdDeEFHKmoPQrtTuUwxXyYz'.split(''),
  'output', 'user-agent', 'cookie', 'cookie-jar', 'continue-at', 'data', 'data-binary', 'data-raw', 'data-urlencode',
  'dump-header', 'referer', 'cert', 'form', 'header', 'config', 'max-time', 'quote', 'range', 'upload-file', 'user',
  'proxy-user', 'write-out', 'proxy', 'request', 'speed-limit', 'speed-time', 'time-cond', 'retry', 'retry-delay',
  'retry-max-time', 'connect-timeout', 'cacert', 'capath', 'key', 'resolve', 'output-dir', 'create-file-mode', 'proto',
  'proto-redir', 'tlsv1.2', 'ciphers', 'interface', 'limit-rate', 'max-filesize', 'oauth2-bearer', 'pass', 'proxy-header',
  'connect-to', 'url', 'variable', 'expand-url', 'json',
]);
// wget options that take an argument.
const WGET_VALUED = new Set([
  ...'oaeiBtOTwQPUlARDIX'.split(''),
  'output-document', 'output-file', 'append-output', 'execute', 'input-file', 'base', 'tries', 'timeout', 'wait', 'quota',
  'directory-prefix', 'user-agent', 'level', 'accept', 'reject', 'domains', 'include-directories', 'exclude-directories',
  'header', 'user', 'password', 'http-user', 'http-password', 'post-data', 'post-file', 'ca-certificate', 'certificate',
  'private-key', 'load-cookies', 'save-cookies', 'limit-rate', 'dns-timeout', 'connect-timeout', 'read-timeout', 'referer',
]);

export const isDownloaderName: NameTest = (name) => name === 'curl' || name === 'wget';

/** The file a curl or wget command writes, when it writes one (not to stdout). */
export function downloadOf(command: ShellCommand): Download | null {
  if (command.name === 'curl') return curlDownload(command);
  if (command.name === 'wget') return wgetDownload(command);
  return null;
}

function curlDownload(command: ShellCommand): Download | null {
  const parsed = parseArguments(args(command), CURL_VALUED);
  const output = last(parsed.options.get('o') ?? parsed.options.get('output'));
  const url = parsed.operands[0]?.value ?? last(parsed.options.get('url')) ?? null;
  if (output !== undefined) {
    if (output === '-' || output === '/dev/null') return null;
    return make(command, output, directoryOf(parsed));
  }
  if (parsed.options.has('O') || parsed.options.has('remote-name')) {
    if (parsed.options.has('J') || parsed.options.has('remote-header-name')) return make(command, null, directoryOf(parsed));
    return make(command, url === null ? null : urlFileName(url), directoryOf(parsed));
  }
  return null;
}

function directoryOf(parsed: ReturnType<typeof parseArguments>): string | undefined {
  const dir = last(parsed.options.get('output-dir'));
  return dir === null ? undefined : dir;
}

function wgetDownload(command: ShellCommand): Download | null {
  const parsed = parseArguments(args(command), WGET_VALUED);
  const output = last(parsed.options.get('O') ?? parsed.options.get('output-document'));
  if (output !== undefined) {
    if (output === '-' || output === '/dev/null') return null;
    return make(command, output, undefined);
  }
  const url = parsed.operands[0]?.value ?? null;
  if (parsed.operands.length !== 1) return parsed.operands.length === 0 ? null : make(command, null, undefined);
  const prefix = last(parsed.options.get('P') ?? parsed.options.get('directory-prefix'));
  return make(command, url === null ? null : urlFileName(url), prefix === null ? undefined : prefix);
}

function make(command: ShellCommand, name: string | null, directory: string | undefined): Download {
  const written = name === null ? '' : directory ? `${directory.replace(/\/+$/, '')}/${name}` : name;
  return { command, written, path: written === '' ? null : resolvePath(command.cwd, written) };
}

function last<T>(values: T[] | undefined): T | undefined {
  return values?.[values.length - 1];
}

/** The name curl -O and wget give a download: the last segment of the URL path. */
export function urlFileName(url: string): string | null {
  const withoutQuery = url.replace(/[?#].*$/, '');
  const path = withoutQuery.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '');
  const name = baseName(path);
  return name === '' ? null : name;
}

/** The commands filesConsumedBy knows (its switch cases): any other consumes nothing, so it is not looked at. */
const CONSUMERS: ReadonlySet<string | null> = new Set([
  'tar', 'bsdtar', 'unzip', '7z', '7za', 'unrar', 'dpkg', 'rpm', 'apt-get', 'apt',
  'gunzip', 'bunzip2', 'unxz', 'unzstd', 'gzip', 'bzip2', 'xz', 'zstd', 'sh', 'bash',
]);
const NOTHING: readonly ShellWord[] = [];

/** Files a command extracts or installs (reads as an archive or package), as written. */
export function consumedFiles(command: ShellCommand): readonly ShellWord[] {
  return CONSUMERS.has(command.name) ? filesConsumedBy(command) : NOTHING;
}

/** Found once per command: each download of a RUN is looked for in every later command. */
const filesConsumedBy = memoize((command: ShellCommand): ShellWord[] => {
  const rest = args(command);
  switch (command.name) {
    case 'tar':
    case 'bsdtar': {
      const first = rest[0]?.value ?? '';
      // Old-style bundle without a dash: `tar xzf file`.
      const bundle = first !== '' && !first.startsWith('-') ? `-${first}` : null;
      const words = bundle ? [{ ...rest[0], value: bundle }, ...rest.slice(1)] : rest;
      const parsed = parseArguments(words, new Set(['f', 'file', 'C', 'directory', 'T', 'files-from', 'X', 'exclude-from', 'b', 'H', 'format', 'I', 'use-compress-program', 'strip-components', 'transform', 'exclude', 'owner', 'group', 'mode']));
      const extracting = parsed.options.has('x') || parsed.options.has('extract') || parsed.options.has('get');
      if (!extracting) return [];
      const file = last(parsed.options.get('f') ?? parsed.options.get('file'));
      if (!file || file === '-') return [];
      const word = words.find((w) => w.value !== null && (w.value === file || w.value.endsWith(file)));
      return word ? [{ ...word, value: file }] : [];
    }
    case 'unzip':
    case '7z':
    case '7za':
    case 'unrar': {
      const parsed = parseArguments(rest, new Set(['d', 'x', 'P']));
      const operands = command.name === 'unzip' ? parsed.operands.slice(0, 1) : parsed.operands.slice(1, 2);
      return operands;
    }
    case 'dpkg': {
      const parsed = parseArguments(rest, new Set(['root', 'admindir', 'instdir']));
      return parsed.options.has('i') || parsed.options.has('install') ? parsed.operands : [];
    }
    case 'rpm': {
      const parsed = parseArguments(rest, new Set(['root', 'dbpath', 'prefix']));
      return parsed.options.has('i') || parsed.options.has('U') || parsed.options.has('install') || parsed.options.has('upgrade') ? parsed.operands : [];
    }
    case 'apt-get':
    case 'apt': {
      const parsed = parseArguments(rest, new Set(['o', 'c', 't']));
      if (parsed.operands[0]?.value !== 'install') return [];
      return parsed.operands.slice(1).filter((w) => w.value !== null && (w.value.startsWith('/') || w.value.startsWith('./')) && w.value.endsWith('.deb'));
    }
    case 'gunzip':
    case 'bunzip2':
    case 'unxz':
    case 'unzstd':
    case 'gzip':
    case 'bzip2':
    case 'xz':
    case 'zstd': {
      const parsed = parseArguments(rest, new Set(['S', 'suffix', 'T', 'threads']));
      const decompressing = /^(gunzip|bunzip2|unxz|unzstd)$/.test(command.name) || parsed.options.has('d') || parsed.options.has('decompress');
      // Without -k/-c the tool replaces the archive with its contents: nothing is left behind.
      const keeps = parsed.options.has('k') || parsed.options.has('keep') || parsed.options.has('c') || parsed.options.has('stdout');
      return decompressing && keeps ? parsed.operands : [];
    }
    case 'sh':
    case 'bash': {
      const first = rest.find((w) => w.value !== null && !w.value.startsWith('-'));
      return first && !rest.some((w) => w.value === '-c') ? [first] : [];
    }
    default:
      return [];
  }
});
