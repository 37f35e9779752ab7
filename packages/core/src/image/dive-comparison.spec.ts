/**
 * layerlint's numbers next to a re-implementation of dive's published formula (see
 * test-support/dive-formula.ts) on the same small archives. The table printed here is the one in
 * docs/image.md; the assertions pin down where and why the two differ.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeImage } from './analyze-image';
import type { TarMember } from './tar-header';
import { diveEstimate } from './test-support/dive-formula';
import { dir, dockerArchive, file, hardlink, whiteout, type FixtureImage } from './test-support/image-fixtures';

const base = { members: [dir('bin'), file('bin/sh', 1000)] };
const cases: Record<string, FixtureImage> = {
  'file deleted later': { layers: [base, { members: [file('big', 4000)] }, { members: [whiteout('big')] }] },
  'file overwritten (4000 → 100)': { layers: [base, { members: [file('conf', 4000)] }, { members: [file('conf', 100)] }] },
  'directory deleted as a unit': { layers: [base, { members: [dir('cache'), file('cache/a', 3000), file('cache/b', 1000)] }, { members: [whiteout('cache')] }] },
  'dangling whiteout, then a file': { layers: [base, { members: [file('big', 4000)] }, { members: [whiteout('tmp-gone'), whiteout('big')] }] },
  'hard link, one name deleted': { layers: [base, { members: [file('a', 4000), hardlink('b', 'a')] }, { members: [whiteout('a')] }] },
};

let work: string;
beforeAll(() => (work = mkdtempSync(join(tmpdir(), 'layerlint-dive-'))));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function both(name: string) {
  const path = join(work, `${name.replace(/\W+/g, '-')}.tar`);
  writeFileSync(path, dockerArchive(cases[name]));
  const members: TarMember[][] = [];
  const ours = await analyzeImage(path, { onMember: (layer, m) => (members[layer] ??= []).push(m) });
  return { ours: ours.totals, dive: diveEstimate(members) };
}

describe('layerlint vs the dive formula on the same archive', () => {
  const rows: string[] = [];
  afterAll(() => console.log(['| case | layerlint wasted | layerlint efficiency | dive-formula wasted | dive-formula efficiency |', '| --- | --- | --- | --- | --- |', ...rows].join('\n')));

  it.each(Object.keys(cases))('%s', async (name) => {
    const { ours, dive } = await both(name);
    rows.push(`| ${name} | ${ours.wastedBytes} | ${ours.efficiency.toFixed(3)} | ${dive.wastedBytes} | ${dive.efficiency.toFixed(3)} |`);
    const expected: Record<string, [number, number]> = {
      // [layerlint wasted, dive wasted]
      'file deleted later': [4000, 4000],
      'file overwritten (4000 → 100)': [4000, 4100], // dive also counts the kept copy
      'directory deleted as a unit': [4000, 0], // dive never visited the directory path
      'dangling whiteout, then a file': [4000, 0], // dive abandons the layer at the dangling whiteout
      'hard link, one name deleted': [0, 4000], // the bytes are still visible as b
    };
    expect([ours.wastedBytes, dive.wastedBytes]).toEqual(expected[name]);
  });
});
