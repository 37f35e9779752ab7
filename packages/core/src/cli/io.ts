/** What a CLI command reads and writes: the process's streams, directory and environment, or a test's stand-ins. */
export interface CliIo {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown };
  /** Standard input, asked for only by `--stdin` (opening it earlier could hold a terminal's input). */
  stdin?: () => AsyncIterable<Uint8Array | string>;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;
