import { pathToFileURL } from 'node:url';
import { ruleMetas } from '../rules';
import type { Finding, RuleMeta, TextEdit } from '../types';
import { documentOf, type ReportedDocument, type ReportedFile } from './document';
import { FATAL_RULES, fatalPosition, fatalRuleId } from './fatal';
import { fingerprintFatal, fingerprintFindings, type FindingFingerprint } from './fingerprints';
import { isInside, reportPath } from './paths';

/**
 * SARIF 2.1.0 (OASIS), the format GitHub code scanning and most security dashboards import.
 *
 * - `tool.driver.rules` describes every rule (plus the `parse-error`/`read-error` pseudo rules)
 *   with help text, default level and aliases, so viewers need no other source.
 * - Paths inside the working directory are relative URIs with `uriBaseId: "%SRCROOT%"`, as code
 *   scanning requires; others are absolute `file:` URIs.
 * - Regions use the core's exact 1-based, end-exclusive UTF-16 columns (`columnKind`).
 * - Fixable findings carry `fixes`; suppressed findings are results with an `inSource` suppression.
 * - A file that could not be linted is an error result of its pseudo rule (visible in code
 *   scanning) and a tool execution notification (so `executionSuccessful` tells the truth).
 * - `partialFingerprints.primaryLocationLineHash` holds layerlint's content fingerprint: GitHub's
 *   upload action only computes its own (line-context) hash when that key is absent.
 */

const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
const SRCROOT = '%SRCROOT%';
const INFORMATION_URI = 'https://github.com/layerlint/layerlint';

export interface SarifOptions {
  cwd?: string;
  /** Rule catalogue for `tool.driver.rules`; defaults to every rule. */
  rules?: RuleMeta[];
  /**
   * `runAutomationDetails.id` category, e.g. `docker-lint/web`: code scanning keeps the latest
   * analysis per category, so per-project reports from `nx affected` neither merge nor erase
   * each other's alerts.
   */
  category?: string;
}

type Json = Record<string, unknown>;

const levelOf = (severity: Finding['severity']) => (severity === 'error' ? 'error' : 'warning');

/** `PipNoCache` for `pip-no-cache`: SARIF wants the name to read as an identifier. */
function ruleName(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_m, _dash, c: string) => c.toUpperCase());
}

function ruleDescriptor(rule: RuleMeta): Json {
  const aliases = rule.aliases.length > 0 ? rule.aliases.join(', ') : 'none';
  const facts = `Default severity: ${rule.defaultSeverity}. Automatic fix: ${rule.fixable ? 'yes' : 'no'}. Equivalent codes in other tools: ${aliases}.`;
  const docsLink = rule.docs ? `\n\n[Documentation](${rule.docs})` : '';
  return {
    id: rule.id,
    name: ruleName(rule.id),
    shortDescription: { text: rule.description },
    fullDescription: { text: `${rule.description}. ${facts}` },
    ...(rule.docs ? { helpUri: rule.docs } : {}),
    help: {
      text: `${rule.description}. ${facts}${rule.docs ? ` See ${rule.docs}` : ''}`,
      markdown: `**${rule.id}**: ${rule.description}.\n\n| Default severity | Automatic fix | Aliases |\n| --- | --- | --- |\n| ${rule.defaultSeverity} | ${rule.fixable ? 'yes' : 'no'} | ${rule.aliases.map((a) => `\`${a}\``).join(', ') || '–'} |${docsLink}`,
    },
    defaultConfiguration: { level: levelOf(rule.defaultSeverity) },
    properties: { aliases: rule.aliases, fixable: rule.fixable, tags: ['dockerfile', 'layer-hygiene'] },
  };
}

interface ArtifactRef {
  location: Json;
}

function artifactLocation(filePath: string, cwd: string | undefined, index: number): Json {
  return isInside(filePath, cwd)
    ? { uri: reportPath(filePath, cwd).split('/').map(encodeURIComponent).join('/'), uriBaseId: SRCROOT, index }
    : { uri: pathToFileURL(filePath).href, index };
}

function region(range: { line: number; column: number; endLine?: number; endColumn?: number }): Json {
  return {
    startLine: range.line,
    startColumn: range.column,
    ...(range.endLine !== undefined ? { endLine: range.endLine } : {}),
    ...(range.endColumn !== undefined ? { endColumn: range.endColumn } : {}),
  };
}

function fixesOf(finding: Finding, document: ReportedDocument | undefined, artifact: Json): Json[] | undefined {
  if (!finding.fix || !document || finding.fix.edits.length === 0) return undefined;
  const edits: TextEdit[] = [...finding.fix.edits].sort((a, b) => a.start - b.start);
  return [
    {
      description: { text: `Apply layerlint's fix for ${finding.ruleId}` },
      artifactChanges: [
        {
          artifactLocation: artifact,
          replacements: edits.map((edit) => ({
            deletedRegion: region(document.rangeOf(edit.start, edit.end)),
            ...(edit.text !== '' ? { insertedContent: { text: edit.text } } : {}),
          })),
        },
      ],
    },
  ];
}

const byPosition = (a: Finding, b: Finding) => a.line - b.line || a.column - b.column;
const fingerprintProperty = (fp: FindingFingerprint) => ({ primaryLocationLineHash: `${fp.hash}:${fp.occurrence}` });

export function formatSarif(results: ReportedFile[], options: SarifOptions = {}): string {
  const { cwd } = options;
  const rules = [...(options.rules ?? ruleMetas), FATAL_RULES.parse, FATAL_RULES.io];
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const artifacts: ArtifactRef[] = [];
  const sarifResults: Json[] = [];
  const notifications: Json[] = [];

  for (const file of results) {
    const path = reportPath(file.filePath, cwd);
    const artifact = artifactLocation(file.filePath, cwd, artifacts.length);
    artifacts.push({ location: { uri: artifact.uri, ...(artifact.uriBaseId ? { uriBaseId: artifact.uriBaseId } : {}) } });
    const document = documentOf(file);

    if (file.fatal) {
      const ruleId = fatalRuleId(file.fatal);
      const location = { physicalLocation: { artifactLocation: artifact, region: region(fatalPosition(file.fatal)) } };
      sarifResults.push({
        ruleId,
        ruleIndex: ruleIndex.get(ruleId),
        level: 'error',
        message: { text: file.fatal.message },
        locations: [location],
        partialFingerprints: fingerprintProperty(fingerprintFatal(ruleId, path, file.fatal.message)),
      });
      notifications.push({ level: 'error', message: { text: `${path}: ${file.fatal.message}` }, locations: [location] });
    }

    // Kept and suppressed findings are fingerprinted together, so a suppressed duplicate of a
    // reported command never shares its fingerprint.
    const suppressedBy = new Map((file.suppressed ?? []).map((s) => [s.finding, s]));
    const findings = [...file.findings, ...(file.suppressed ?? []).map((s) => s.finding)].sort(byPosition);
    const fingerprints = fingerprintFindings(findings, path, document);
    findings.forEach((finding, i) => {
      const suppression = suppressedBy.get(finding);
      const fixes = suppression ? undefined : fixesOf(finding, document, artifact);
      sarifResults.push({
        ruleId: finding.ruleId,
        ...(ruleIndex.has(finding.ruleId) ? { ruleIndex: ruleIndex.get(finding.ruleId) } : {}),
        level: levelOf(finding.severity),
        message: { text: finding.message },
        locations: [{ physicalLocation: { artifactLocation: artifact, region: region(finding) } }],
        partialFingerprints: fingerprintProperty(fingerprints[i]),
        ...(fixes ? { fixes } : {}),
        ...(suppression
          ? { suppressions: [{ kind: 'inSource', status: 'accepted', ...(suppression.reason ? { justification: suppression.reason } : {}), properties: { comment: suppression.comment } }] }
          : {}),
        ...(finding.aliases.length > 0 ? { properties: { aliases: finding.aliases } } : {}),
      });
    });
  }

  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'layerlint',
            informationUri: INFORMATION_URI,
            version: toolVersion(),
            rules: rules.map(ruleDescriptor),
          },
        },
        ...(options.category ? { automationDetails: { id: `${options.category.replace(/\/+$/, '')}/` } } : {}),
        ...(cwd ? { originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(cwd) } } } : {}),
        artifacts: artifacts.map((a) => ({ ...a, sourceLanguage: 'dockerfile' })),
        invocations: [
          {
            // Unparsable Dockerfiles are findings; only unreadable files mean the run fell short.
            executionSuccessful: !results.some((r) => r.fatal !== undefined && r.fatal.kind !== 'parse'),
            ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}),
          },
        ],
        columnKind: 'utf16CodeUnits',
        results: sarifResults,
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}

function directoryUri(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith('/') ? href : `${href}/`;
}

function toolVersion(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('../../package.json') as { version: string }).version;
}
