/*
 * Where npm, yarn, pnpm and composer keep their caches, which commands fill them, and which
 * commands empty them. Cache directories are resolved the way each tool resolves them, for the
 * user that runs the command. When only that user's HOME is unknown (a base image's USER), the
 * directory is written below UNKNOWN_HOME so that `~/.npm`, `$HOME/.npm` and `/root/.npm` can
 * still be matched against it; such a directory never becomes a Creation.
 */
export * from './js-php/common';
export * from './js-php/cleanup';
export * from './js-php/npm';
export * from './js-php/yarn';
export * from './js-php/pnpm';
export * from './js-php/composer';
export * from './js-php/index';
