import type { FileResult } from '../types';
import { formatJson } from './json';
import { formatStylish } from './stylish';

export const FORMATS = ['stylish', 'json'] as const;
export type FormatName = (typeof FORMATS)[number];

export interface FormatOptions {
  cwd?: string;
  color?: boolean;
}

export function formatResults(results: FileResult[], format: FormatName, options: FormatOptions = {}): string {
  switch (format) {
    case 'json':
      return formatJson(results);
    case 'stylish':
      return formatStylish(results, options);
  }
}
