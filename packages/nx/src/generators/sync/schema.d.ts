export interface SyncGeneratorSchema {
  /** Only enforce fixes from these rule ids. Set through nx.json `sync.generatorOptions`. */
  rules?: string[];
}
