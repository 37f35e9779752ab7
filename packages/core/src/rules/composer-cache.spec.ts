import { lines, testRule } from '../testing/rule-tester';
import { composerCache } from './composer-cache';

testRule(composerCache, {
  valid: [
    { name: 'composer install --no-cache', code: lines('FROM php:8.3-cli', 'RUN composer install --no-dev --no-cache') },
    { name: '--no-cache as a global option before the subcommand', code: lines('FROM php:8.3-cli', 'RUN composer --no-cache install') },
    { name: 'composer clear-cache afterwards', code: lines('FROM php:8.3-cli', 'RUN composer install && composer clear-cache') },
    { name: 'composer cc (alias) afterwards', code: lines('FROM php:8.3-cli', 'RUN composer require monolog/monolog && composer cc') },
    { name: 'ENV COMPOSER_CACHE_DIR=/dev/null turns the cache off', code: lines('FROM php:8.3-cli', 'ENV COMPOSER_CACHE_DIR=/dev/null', 'RUN composer install') },
    { name: 'inline COMPOSER_CACHE_DIR=/dev/null', code: lines('FROM php:8.3-cli', 'RUN COMPOSER_CACHE_DIR=/dev/null composer install') },
    { name: 'cache mount on root\'s composer cache', code: lines('FROM php:8.3-cli', 'USER root', 'RUN --mount=type=cache,target=/root/.composer/cache composer install') },
    { name: 'the composer image\'s COMPOSER_HOME=/tmp, cache removed', code: lines('FROM php:8.3-cli', 'ENV COMPOSER_HOME=/tmp', 'RUN composer install && rm -rf /tmp/cache') },
    { name: 'COMPOSER_CACHE_DIR relocated under a cache mount', code: lines('FROM php:8.3-cli', 'ENV COMPOSER_CACHE_DIR=/cache/composer', 'RUN --mount=type=cache,target=/cache composer install') },
    { name: 'rm -rf ~/.composer/cache for an unknown user', code: lines('FROM php:8.3-cli', 'RUN composer install && rm -rf ~/.composer/cache') },
    {
      name: 'a vendor stage that is only copied from does not ship',
      code: lines('FROM composer:2 AS vendor', 'RUN composer install', 'FROM php:8.3-fpm', 'COPY --from=vendor /app/vendor /var/www/vendor'),
    },
    { name: 'clearing before and after', code: lines('FROM php:8.3-cli', 'RUN composer cc && composer install && composer clear-cache') },
    { name: 'heredoc with the clear-cache', code: lines('FROM php:8.3-cli', 'RUN <<EOF', 'composer install', 'composer clearcache', 'EOF') },
    { name: 'exec form without a shell, with --no-cache', code: lines('FROM php:8.3-cli', 'RUN ["composer", "install", "--no-cache"]') },
    { name: 'composer commands that download nothing', code: lines('FROM php:8.3-cli', 'RUN composer dump-autoload -o && composer validate') },
    { name: 'php composer.phar with --no-cache', code: lines('FROM php:8.3-cli', 'RUN php composer.phar install --no-cache') },
  ],
  invalid: [
    {
      name: 'composer install',
      code: lines('FROM php:8.3-cli', 'RUN composer install --no-dev'),
      errors: [{ line: 2, column: 5, message: /~\/\.cache\/composer or ~\/\.composer\/cache.*--no-cache/ }],
      output: lines('FROM php:8.3-cli', 'RUN composer install --no-cache --no-dev'),
    },
    {
      name: 'continuation lines with && at the end',
      code: lines('FROM php:8.3-cli', 'RUN apt-get install -y unzip && \\', '    composer install \\', '      --optimize-autoloader'),
      errors: [{ line: 3, column: 5 }],
      output: lines('FROM php:8.3-cli', 'RUN apt-get install -y unzip && \\', '    composer install --no-cache \\', '      --optimize-autoloader'),
    },
    {
      name: 'continuation lines with && leading',
      code: lines('FROM php:8.3-cli', 'RUN cd /app \\', '    && composer update'),
      errors: [{ line: 3, column: 8 }],
      output: lines('FROM php:8.3-cli', 'RUN cd /app \\', '    && composer update --no-cache'),
    },
    {
      name: 'heredoc body, reported on its real line',
      code: lines('FROM php:8.3-cli', 'RUN <<EOF', 'set -e', 'composer install', 'EOF'),
      errors: [{ line: 4, column: 1 }],
      output: lines('FROM php:8.3-cli', 'RUN <<EOF', 'set -e', 'composer install --no-cache', 'EOF'),
    },
    {
      name: 'exec form through sh -c',
      code: lines('FROM php:8.3-cli', 'RUN ["sh", "-c", "composer install"]'),
      errors: [{ line: 2, column: 19 }],
      output: lines('FROM php:8.3-cli', 'RUN ["sh", "-c", "composer install --no-cache"]'),
    },
    {
      name: 'exec form without a shell stays JSON',
      code: lines('FROM php:8.3-cli', 'RUN ["composer", "install"]'),
      errors: [{ line: 2, column: 6 }],
      output: lines('FROM php:8.3-cli', 'RUN ["composer", "install", "--no-cache"]'),
    },
    {
      name: 'composer global require',
      code: lines('FROM php:8.3-cli', 'RUN composer global require laravel/installer'),
      errors: [{ line: 2, message: /`composer require`/ }],
      output: lines('FROM php:8.3-cli', 'RUN composer global require --no-cache laravel/installer'),
    },
    {
      name: 'php composer.phar update',
      code: lines('FROM php:8.3-cli', 'RUN php composer.phar update'),
      errors: [{ line: 2 }],
      output: lines('FROM php:8.3-cli', 'RUN php composer.phar update --no-cache'),
    },
    {
      name: 'a mount on another path does not exempt',
      code: lines('FROM php:8.3-cli', 'USER root', 'RUN --mount=type=cache,target=/root/.npm composer install'),
      errors: [{ line: 3, message: /\/root\/\.cache\/composer or \/root\/\.composer\/cache/ }],
      output: lines('FROM php:8.3-cli', 'USER root', 'RUN --mount=type=cache,target=/root/.npm composer install --no-cache'),
    },
    {
      name: 'rm -rf of another path does not count',
      code: lines('FROM php:8.3-cli', 'RUN composer install && rm -rf /tmp/*'),
      errors: [{ line: 2 }],
      output: lines('FROM php:8.3-cli', 'RUN composer install --no-cache && rm -rf /tmp/*'),
    },
    {
      name: 'clear-cache only after ||',
      code: lines('FROM php:8.3-cli', 'RUN composer install || composer clear-cache'),
      errors: [{ line: 2, message: /may not run/ }],
      output: lines('FROM php:8.3-cli', 'RUN composer install --no-cache || composer clear-cache'),
    },
    {
      name: 'clear-cache before the last install: every install is reported',
      code: lines('FROM php:8.3-cli', 'RUN composer install && composer clear-cache && composer require x/y'),
      errors: [{ line: 2, column: 5, message: /before the last command/ }, { line: 2, column: 49 }],
      output: lines('FROM php:8.3-cli', 'RUN composer install --no-cache && composer clear-cache && composer require --no-cache x/y'),
    },
    {
      name: 'clear-cache --gc only drops old entries',
      code: lines('FROM php:8.3-cli', 'RUN composer install && composer clear-cache --gc'),
      errors: [{ line: 2 }],
      output: lines('FROM php:8.3-cli', 'RUN composer install --no-cache && composer clear-cache --gc'),
    },
    {
      name: 'the base stage of the final stage ships',
      code: lines('FROM php:8.3-cli AS base', 'RUN composer install', 'FROM base', 'CMD ["php", "app.php"]'),
      errors: [{ line: 2 }],
      output: lines('FROM php:8.3-cli AS base', 'RUN composer install --no-cache', 'FROM base', 'CMD ["php", "app.php"]'),
    },
    {
      name: 'COMPOSER_HOME moves the cache away from a mount on the default',
      code: lines('FROM php:8.3-cli', 'ENV COMPOSER_HOME=/composer', 'RUN --mount=type=cache,target=/root/.composer composer install'),
      errors: [{ line: 3, message: /\(\/composer\/cache\)/ }],
      output: lines('FROM php:8.3-cli', 'ENV COMPOSER_HOME=/composer', 'RUN --mount=type=cache,target=/root/.composer composer install --no-cache'),
    },
    {
      name: 'a later RUN installs with the network disabled: reported, not fixed',
      code: lines('FROM php:8.3-cli', 'RUN composer install', 'RUN COMPOSER_DISABLE_NETWORK=1 composer install'),
      errors: [{ line: 2, message: /No automatic fix: the RUN at line 3/ }],
      output: null,
    },
  ],
});
