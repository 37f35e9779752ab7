export interface FixGeneratorSchema {
  /** Only these projects (names; comma-separated on the command line). */
  projects?: string | string[];
  /** Only these rule ids (or their hadolint aliases). */
  rules?: string | string[];
  skipFormat?: boolean;
}
