export interface InitGeneratorSchema {
  /** Name of the inferred target. */
  targetName?: string;
  /** Also register the sync generator in nx.json so `nx sync:check` enforces autofixable rules. */
  enforceFixesInSync?: boolean;
  skipFormat?: boolean;
  skipPackageJson?: boolean;
  keepExistingVersions?: boolean;
  updatePackageScripts?: boolean;
}
