/*
 * Caches of gem/bundler, uv, conda/mamba/micromamba, go and cargo: where each tool keeps them for
 * the command at hand, which commands fill them, and which commands empty them (one module per
 * tool in ./toolchain, sharing ./toolchain/common). The rules gem-cache, uv-cache, conda-clean,
 * go-cache and cargo-cache, and cross-layer-delete (through toolchainCacheCreations), read them
 * from here.
 */
export * from './toolchain/common';
export * from './toolchain/gem';
export * from './toolchain/uv';
export * from './toolchain/conda';
export * from './toolchain/go';
export * from './toolchain/cargo';
export * from './toolchain/index';
