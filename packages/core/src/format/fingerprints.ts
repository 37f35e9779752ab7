import { createHash } from 'node:crypto';
import type { Finding } from '../types';
import type { ReportedDocument } from './document';

/**
 * Identity of a finding that survives unrelated edits: a hash of the rule, the file and the flagged
 * text (whitespace and line continuations collapsed), never the line number. Two findings with the
 * same identity in one file (the same command twice) are told apart by their order.
 */
export interface FindingFingerprint {
  /** 32 hex digits. */
  hash: string;
  /** 1 for the first finding with this hash in the file, 2 for the next, … */
  occurrence: number;
}

/** Folds the cosmetic differences a reformat makes: `\`-newline continuations, runs of blanks. */
export function normalizeFlaggedText(text: string): string {
  return text.replace(/\\\r?\n/g, ' ').replace(/\s+/g, ' ').trim();
}

function hashOf(parts: string[]): string {
  // NUL never occurs in a Dockerfile we lint, so it separates the parts unambiguously.
  return createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 32);
}

/**
 * Fingerprints of one file's findings, in the order given. Without the text (a caller that passes
 * plain results) the message stands in for the flagged text: still line-independent.
 */
export function fingerprintFindings(findings: Finding[], path: string, document: ReportedDocument | undefined): FindingFingerprint[] {
  const seen = new Map<string, number>();
  return findings.map((finding) => {
    const flagged = document ? normalizeFlaggedText(document.textOf(finding)) : finding.message;
    const hash = hashOf([finding.ruleId, path, flagged]);
    const occurrence = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, occurrence);
    return { hash, occurrence };
  });
}

/** A fingerprint for a file that could not be linted: one per file and kind. */
export function fingerprintFatal(ruleId: string, path: string, message: string): FindingFingerprint {
  return { hash: hashOf([ruleId, path, message]), occurrence: 1 };
}

/** One string per finding, for formats with a single fingerprint field (GitLab). */
export function fingerprintString(fingerprint: FindingFingerprint): string {
  return fingerprint.occurrence === 1 ? fingerprint.hash : `${fingerprint.hash}:${fingerprint.occurrence}`;
}
