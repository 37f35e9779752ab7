import type { MappedText } from './mapped-text';
import type { TextIndex } from './text-index';

/** One shell word. `value` is its static value with quotes removed, or null when it depends on run time. */
export interface ShellWord {
  text: string;
  value: string | null;
  /** Document offsets. */
  start: number;
  end: number;
}

export type ShellOperator = '&&' | '||' | ';' | '|' | '&' | 'newline';

export interface Redirect {
  operator: string;
  target: ShellWord;
}

/** A simple command as it runs inside a RUN, in execution order. */
export interface ShellCommand {
  /** Position in execution order within its RUN. */
  index: number;
  /** Static command name (argv[0]) without its directory, or null. */
  name: string | null;
  argv: ShellWord[];
  /** Inline assignments (`VAR=x cmd`). */
  assignments: ReadonlyMap<string, string | null>;
  redirects: Redirect[];
  /** Document offsets of the whole command (assignments and redirects included). */
  start: number;
  end: number;
  /** False inside if/case/loops/functions or after `||`: the command may not run. */
  unconditional: boolean;
  /**
   * The conditional branches the command sits in, outermost first (empty when unconditional).
   * A command whose guard is a prefix of another's runs whenever that other one does.
   */
  guard: readonly number[];
  /** The operator that joins this command to the one before it. */
  operatorBefore: ShellOperator | null;
  /** Environment the command sees (stage ENV/ARG, exports, inline assignments); null values are unknown. */
  env: ReadonlyMap<string, string | null>;
  /** Working directory when the command runs; `?/…` paths are relative to an unknown base directory. */
  cwd: string | null;
  /** HOME of the user that runs it ($HOME if set in its environment, else from the stage's USER); null if unknown. */
  home: string | null;
  /** The command lies inside text the shell parser could not read. */
  inError: boolean;
}

export interface ShellScript {
  /**
   * `shell`: text run by a POSIX shell. `argv`: an exec-form RUN without a shell, whose one
   * command's words are JSON strings (edits must keep them JSON).
   */
  kind: 'shell' | 'argv';
  source: MappedText;
  commands: ShellCommand[];
  /** Document offset just past the last top-level statement: where appended commands go. */
  appendOffset: number;
  /** The last top-level statement contains a heredoc, so nothing can be appended after it on its line. */
  endsInHeredoc: boolean;
  hasSyntaxError: boolean;
  /** `set -e` (or -o errexit) runs unconditionally at the top level before the end. */
  errexit: boolean;
  /** Working directory and environment after the last command. */
  finalCwd: string | null;
}

export interface Mount {
  type: string;
  target: string | null;
  raw: string;
}

export type RunForm = 'shell' | 'exec' | 'heredoc';

export interface RunDetails {
  form: RunForm;
  mounts: Mount[];
  /** Null when the RUN is not run by a POSIX shell (exec form without a shell, SHELL powershell, Windows). */
  script: ShellScript | null;
  /** Why the shell rules skip this RUN, when they do. */
  skipReason?: string;
  /** For exec form without a shell: the argv as one command. */
  execCommand?: ShellCommand;
}

export interface StageContext {
  /** What RUN sees: ENV values over ARG values of the stage. */
  env: ReadonlyMap<string, string | null>;
  /** ENV alone: stages built FROM this one inherit it (ARG values end with the stage). */
  declaredEnv: ReadonlyMap<string, string | null>;
  user: string | null;
  workdir: string | null;
  home: string | null;
  /** SHELL argv, e.g. ['/bin/sh', '-c']. */
  shell: string[];
}

export interface Instruction {
  keyword: string;
  /** Document offsets of the whole instruction, heredoc bodies included. */
  start: number;
  end: number;
  /** 0-based first and last lines. */
  line: number;
  endLine: number;
  /** Offset where the arguments (after flags) start. */
  argsStart: number;
  stage: Stage;
  /** Position in the stage. */
  indexInStage: number;
  /** Context in force when the instruction runs (before its own effect for ENV/USER/WORKDIR). */
  context: StageContext;
  run?: RunDetails;
  /** COPY/ADD: sources and destination as written (static values). */
  copy?: { sources: string[]; destination: string | null; from: string | null };
}

export interface Stage {
  index: number;
  name: string | null;
  image: string;
  /** The earlier stage this one builds FROM, if any. */
  base: Stage | null;
  instructions: Instruction[];
  /** True for the final stage and the stages it builds FROM, transitively. */
  shipped: boolean;
  /** Windows base image or non-POSIX SHELL at the stage start. */
  windows: boolean;
  fromInstruction: Instruction;
  /** Context after the stage's last instruction (inherited by stages built FROM it). */
  finalContext: StageContext;
}

export interface DockerfileModel {
  text: string;
  /** Line and column arithmetic for `text`. */
  index: TextIndex;
  escapeChar: string;
  stages: Stage[];
  instructions: Instruction[];
}
