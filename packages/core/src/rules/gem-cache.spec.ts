import { lines, testRule } from '../testing/rule-tester';
import { gemCache } from './gem-cache';

testRule(gemCache, {
  valid: [
    {
      name: "Rails' generated Dockerfile (BUNDLE_PATH, ~/.bundle, a glob over the Ruby version)",
      code: lines(
        'FROM ruby:3.3-slim',
        'ENV BUNDLE_DEPLOYMENT="1" BUNDLE_PATH="/usr/local/bundle" BUNDLE_WITHOUT="development"',
        'RUN bundle install && \\',
        '    rm -rf ~/.bundle/ "${BUNDLE_PATH}"/ruby/*/cache "${BUNDLE_PATH}"/ruby/*/bundler/gems/*/.git',
      ),
    },
    { name: 'official ruby image: its gemrc skips docs, and the cache is removed', code: lines('FROM ruby:3.3', 'RUN gem install rails && rm -rf /usr/local/bundle/cache') },
    { name: 'GEM_HOME from ENV, --no-document, removal through the variable', code: lines('FROM debian:12', 'ENV GEM_HOME=/opt/gems', 'RUN gem install --no-document rake && rm -rf "$GEM_HOME"/cache') },
    { name: 'the old --no-rdoc --no-ri spelling and rm -fr', code: lines('FROM debian:12', 'ENV GEM_HOME=/opt/gems', 'RUN gem install --no-rdoc --no-ri fpm && rm -fr /opt/gems/cache/') },
    { name: 'only the .gem files, without -r', code: lines('FROM ruby:3.3', 'RUN gem install rake && rm -f /usr/local/bundle/cache/*.gem') },
    { name: 'find -delete on the cache', code: lines('FROM ruby:3.3', 'RUN gem install rake && find /usr/local/bundle/cache -name "*.gem" -delete') },
    { name: '--install-dir with -N', code: lines('FROM debian:12', 'RUN gem install -N --install-dir /opt/g rake && rm -rf /opt/g/cache') },
    {
      name: 'cache mounts on the gem cache and on ~/.bundle of root',
      code: lines('FROM ruby:3.3', 'RUN --mount=type=cache,target=/usr/local/bundle/cache --mount=type=cache,target=/root/.bundle bundle install'),
    },
    {
      name: 'a gemrc written by an earlier RUN turns docs off',
      code: lines('FROM debian:12', 'ENV GEM_HOME=/opt/gems', "RUN echo 'gem: --no-document' > /etc/gemrc", 'RUN gem install rake && rm -rf /opt/gems/cache'),
    },
    { name: 'cleaning before and after', code: lines('FROM ruby:3.3', 'RUN rm -rf /usr/local/bundle/cache && gem install rake && rm -rf /usr/local/bundle/cache/*') },
    { name: 'a builder stage that is only copied from does not ship', code: lines('FROM ruby:3.3 AS build', 'RUN bundle install', 'FROM ruby:3.3-slim', 'COPY --from=build /usr/local/bundle /usr/local/bundle') },
    { name: 'a heredoc with the cleanup', code: lines('FROM ruby:3.3', 'RUN <<EOF', 'bundle install', 'rm -rf /usr/local/bundle/cache ~/.bundle/cache', 'EOF') },
    { name: 'bundle exec, bundle check and bundle --version download nothing', code: lines('FROM ruby:3.3', 'RUN bundle check && bundle exec rake assets:precompile && bundle --version') },
    { name: 'Windows images are not checked', code: lines('FROM mcr.microsoft.com/windows/servercore:ltsc2022', 'RUN gem install rake') },
  ],
  invalid: [
    {
      name: 'gem install on the official image leaves the cache',
      code: lines('FROM ruby:3.3', 'RUN gem install rails'),
      errors: [{ line: 2, column: 5, message: /the gem cache \(\/usr\/local\/bundle\/cache\)/ }],
      output: lines('FROM ruby:3.3', 'RUN gem install rails && rm -rf /usr/local/bundle/cache'),
    },
    {
      name: 'without a gemrc: documentation and cache',
      code: lines('FROM debian:12', 'ENV GEM_HOME=/opt/gems', 'RUN gem install rake'),
      errors: [{ line: 3, message: /--no-document/ }, { line: 3, message: /\/opt\/gems\/cache/ }],
      output: lines('FROM debian:12', 'ENV GEM_HOME=/opt/gems', 'RUN gem install --no-document rake && rm -rf /opt/gems/cache'),
    },
    {
      name: "bundle install leaves the gem cache and bundler's index cache",
      code: lines('FROM ruby:3.3', 'RUN bundle install'),
      errors: [{ line: 2, message: /bundler's index cache \(\/root\/\.bundle\/cache\)/ }],
      output: lines('FROM ruby:3.3', 'RUN bundle install && rm -rf /usr/local/bundle/cache /root/.bundle/cache'),
    },
    {
      name: 'continuation lines with && at the end',
      code: lines('FROM ruby:3.3', 'RUN gem install bundler && \\', '    bundle install'),
      errors: [{ line: 3 }],
      output: lines('FROM ruby:3.3', 'RUN gem install bundler && \\', '    bundle install && \\', '    rm -rf /usr/local/bundle/cache /root/.bundle/cache'),
    },
    {
      name: 'continuation lines with && leading',
      code: lines('FROM ruby:3.3', 'RUN gem install bundler \\', '    && bundle install --jobs 4'),
      errors: [{ line: 3 }],
      output: lines('FROM ruby:3.3', 'RUN gem install bundler \\', '    && bundle install --jobs 4 \\', '    && rm -rf /usr/local/bundle/cache /root/.bundle/cache'),
    },
    {
      name: 'heredoc without set -e',
      code: lines('FROM ruby:3.3', 'RUN <<EOF', 'gem install rake', 'EOF'),
      errors: [{ line: 3, column: 1 }],
      output: lines('FROM ruby:3.3', 'RUN <<EOF', 'gem install rake && rm -rf /usr/local/bundle/cache', 'EOF'),
    },
    {
      name: 'heredoc under set -e',
      code: lines('FROM ruby:3.3', 'RUN <<EOF', 'set -eux', 'gem install rake', 'EOF'),
      errors: [{ line: 4 }],
      output: lines('FROM ruby:3.3', 'RUN <<EOF', 'set -eux', 'gem install rake', 'rm -rf /usr/local/bundle/cache', 'EOF'),
    },
    {
      name: 'exec form through sh -c',
      code: lines('FROM ruby:3.3', 'RUN ["sh", "-c", "gem install rake"]'),
      errors: [{ line: 2, column: 19 }],
      output: lines('FROM ruby:3.3', 'RUN ["sh", "-c", "gem install rake && rm -rf /usr/local/bundle/cache"]'),
    },
    {
      name: 'exec form without a shell: the flag is inserted as JSON, the cache cannot be removed',
      code: lines('FROM debian:12', 'ENV GEM_HOME=/opt/gems', 'RUN ["gem", "install", "rake"]'),
      errors: [{ line: 3, message: /--no-document/ }, { line: 3, message: /gem cache/ }],
      output: lines('FROM debian:12', 'ENV GEM_HOME=/opt/gems', 'RUN ["gem", "install", "--no-document", "rake"]'),
    },
    {
      name: 'bare bundle installs',
      code: lines('FROM ruby:3.3', 'RUN bundle --jobs 4'),
      errors: [{ line: 2 }],
      output: lines('FROM ruby:3.3', 'RUN bundle --jobs 4 && rm -rf /usr/local/bundle/cache /root/.bundle/cache'),
    },
    {
      name: 'rm -rf of another path does not count',
      code: lines('FROM ruby:3.3', 'RUN gem install rake && rm -rf /tmp/build'),
      errors: [{ line: 2 }],
      output: lines('FROM ruby:3.3', 'RUN gem install rake && rm -rf /tmp/build && rm -rf /usr/local/bundle/cache'),
    },
    {
      name: 'cleanup only after ||',
      code: lines('FROM ruby:3.3', 'RUN gem install rake || rm -rf /usr/local/bundle/cache'),
      errors: [{ line: 2, message: /may not run/ }],
      output: lines('FROM ruby:3.3', 'RUN gem install rake || rm -rf /usr/local/bundle/cache && rm -rf /usr/local/bundle/cache'),
    },
    {
      name: 'cleanup inside if only',
      code: lines('FROM ruby:3.3', 'RUN gem install rake; if [ -n "$SLIM" ]; then rm -rf /usr/local/bundle/cache; fi'),
      errors: [{ line: 2, message: /may not run/ }],
      output: lines('FROM ruby:3.3', 'RUN gem install rake; if [ -n "$SLIM" ]; then rm -rf /usr/local/bundle/cache; fi && rm -rf /usr/local/bundle/cache'),
    },
    {
      name: 'cleanup before the last install',
      code: lines('FROM ruby:3.3', 'RUN gem install rake && rm -rf /usr/local/bundle/cache && gem install rails'),
      errors: [{ line: 2, column: 59, message: /runs before the last command that fills it/ }],
      output: lines('FROM ruby:3.3', 'RUN gem install rake && rm -rf /usr/local/bundle/cache && gem install rails && rm -rf /usr/local/bundle/cache'),
    },
    {
      name: 'a mount on another directory does not exempt',
      code: lines('FROM ruby:3.3', 'RUN --mount=type=cache,target=/root/.gem gem install rake'),
      errors: [{ line: 2 }],
      output: lines('FROM ruby:3.3', 'RUN --mount=type=cache,target=/root/.gem gem install rake && rm -rf /usr/local/bundle/cache'),
    },
    {
      name: 'the base stage of the final stage ships',
      code: lines('FROM ruby:3.3 AS base', 'RUN gem install rake', 'FROM base', 'CMD ["rake"]'),
      errors: [{ line: 2 }],
      output: lines('FROM ruby:3.3 AS base', 'RUN gem install rake && rm -rf /usr/local/bundle/cache', 'FROM base', 'CMD ["rake"]'),
    },
    {
      name: 'BUNDLE_PATH relocates the gems: removing $GEM_HOME/cache misses them',
      code: lines('FROM ruby:3.3', 'ENV BUNDLE_PATH=/app/vendor', 'RUN bundle install && rm -rf /usr/local/bundle/cache ~/.bundle'),
      errors: [{ line: 3, message: /\/app\/vendor\/ruby\/\*\/cache/ }],
      output: lines('FROM ruby:3.3', 'ENV BUNDLE_PATH=/app/vendor', 'RUN bundle install && rm -rf /usr/local/bundle/cache ~/.bundle && rm -rf /app/vendor/ruby/*/cache'),
    },
    {
      name: 'an unknown gem directory: a dynamic removal is not proven, no fix',
      code: lines('FROM debian:12', 'RUN apt-get install -y ruby && gem install -N rake && rm -rf "$(gem env gemdir)"/cache'),
      errors: [{ line: 2, message: /Set GEM_HOME/ }],
      output: null,
    },
    {
      name: 'a later RUN installs from the cache: reported, not fixed',
      code: lines('FROM ruby:3.3', 'RUN gem install rake', 'RUN gem install --local rake'),
      errors: [{ line: 2, message: /No automatic fix: the RUN at line 3/ }, { line: 3 }],
      output: lines('FROM ruby:3.3', 'RUN gem install rake', 'RUN gem install --local rake && rm -rf /usr/local/bundle/cache'),
    },
  ],
});
