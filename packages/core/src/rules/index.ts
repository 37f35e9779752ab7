import type { RuleMeta } from '../types';
import { addRemoteArchive } from './add-remote-archive';
import { aptLists } from './apt-lists';
import { archiveLeftBehind } from './archive-left-behind';
import { crossLayerDelete } from './cross-layer-delete';
import { pipNoCache } from './pip-no-cache';
import { apkNoCache } from './apk-no-cache';
import { yumClean } from './yum-clean';
import { dnfClean } from './dnf-clean';
import { zypperClean } from './zypper-clean';
import { npmCache } from './npm-cache';
import { yarnCache } from './yarn-cache';
import { pnpmStore } from './pnpm-store';
import { composerCache } from './composer-cache';
import { gemCache } from './gem-cache';
import { uvCache } from './uv-cache';
import { condaClean } from './conda-clean';
import { goCache } from './go-cache';
import { cargoCache } from './cargo-cache';
import type { Rule } from './rule';
import { suppression } from './suppression';

/**
 * Every rule, in fix priority order: when two fixes touch the same text in one pass, the earlier
 * rule's fix wins. cross-layer-delete comes first because moving a removal into the creating RUN
 * also settles the same-RUN rules, while appending a cleanup first would leave a useless RUN.
 */
export const allRules: Rule[] = [
  crossLayerDelete,
  aptLists,
  pipNoCache,
  archiveLeftBehind,
  addRemoteArchive,
  // OS package managers
  apkNoCache,
  yumClean,
  dnfClean,
  zypperClean,
  // JavaScript and PHP
  npmCache,
  yarnCache,
  pnpmStore,
  composerCache,
  // Other toolchains
  gemCache,
  uvCache,
  condaClean,
  goCache,
  cargoCache,
  // Meta
  suppression,
];

export const ruleMetas: RuleMeta[] = allRules.map((r) => r.meta);

export function findRule(idOrAlias: string): Rule | undefined {
  const key = idOrAlias.toLowerCase();
  return allRules.find((r) => r.meta.id === key || r.meta.aliases.some((a) => a.toLowerCase() === key));
}
