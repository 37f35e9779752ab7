import type { RuleMeta } from '../types';
import { aptLists } from './apt-lists';
import { archiveLeftBehind } from './archive-left-behind';
import { crossLayerDelete } from './cross-layer-delete';
import { pipNoCache } from './pip-no-cache';
import type { Rule } from './rule';

/**
 * Every rule, in fix priority order: when two fixes touch the same text in one pass, the earlier
 * rule's fix wins. cross-layer-delete comes first because moving a removal into the creating RUN
 * also settles the same-RUN rules, while appending a cleanup first would leave a useless RUN.
 */
export const allRules: Rule[] = [crossLayerDelete, aptLists, pipNoCache, archiveLeftBehind];

export const ruleMetas: RuleMeta[] = allRules.map((r) => r.meta);

export function findRule(idOrAlias: string): Rule | undefined {
  const key = idOrAlias.toLowerCase();
  return allRules.find((r) => r.meta.id === key || r.meta.aliases.some((a) => a.toLowerCase() === key));
}
