import { describes, matchInstructions, type InstructionInfo } from './dockerfile-map';
import type { HistoryItem } from './report';

const instr = (keyword: string, line: number, args: string): InstructionInfo => ({ keyword, line, endLine: line, args });
let n = 0;
const hist = (createdBy: string, layer?: number): HistoryItem => ({ index: n++, createdBy, emptyLayer: layer === undefined, ...(layer !== undefined ? { layer } : {}) });

describe('matching instructions to history entries', () => {
  it('recognises buildah, legacy builder and BuildKit created_by texts', () => {
    const run = instr('RUN', 3, 'apt-get update && \\\n    apt-get install -y curl');
    expect(describes('/bin/sh -c apt-get update &&     apt-get install -y curl', run)).toBe(true);
    expect(describes('RUN /bin/sh -c apt-get update && apt-get install -y curl # buildkit', run)).toBe(true);
    expect(describes('/bin/sh -c rm -rf /x', run)).toBe(false);
    expect(describes('/bin/sh -c ["/bin/busybox", "--install", "-s", "/bin"]', instr('RUN', 1, '["/bin/busybox", "--install", "-s", "/bin"]'))).toBe(true);
    expect(describes('/bin/sh -c #(nop) COPY file:01b0 in /bin/busybox ', instr('COPY', 2, 'busybox /bin/busybox'))).toBe(true);
    expect(describes('/bin/sh -c #(nop) WORKDIR /w', instr('WORKDIR', 2, '/w'))).toBe(true);
    expect(describes('WORKDIR /w # buildkit', instr('ENV', 2, 'A=1'))).toBe(false);
  });

  it('skips instructions without entries (BuildKit ARG) and base-image entries, and flags positional pairs', () => {
    const instructions = [instr('ARG', 2, 'V=1'), instr('COPY', 3, '. /app'), instr('RUN', 4, 'make $V'), instr('CMD', 5, '["app"]')];
    const history = [
      hist('/bin/sh -c #(nop) ADD file:base in / ', 0), // the base image
      hist('/bin/sh -c #(nop)  CMD ["bash"]'),
      hist('COPY . /app # buildkit', 1),
      hist('RUN |1 V=1 /bin/sh -c make 1 # buildkit', 2), // expanded: text differs
      hist('CMD ["app"] # buildkit'),
    ];
    const matches = matchInstructions(instructions, history);
    expect(matches.map((m) => [m.instruction.line, m.history.layer, m.confirmed])).toEqual([
      [3, 1, true],
      [4, 2, false],
      [5, undefined, true],
    ]);
  });
});
