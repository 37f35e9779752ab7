import { lines, testRule } from '../testing/rule-tester';
import { cargoCache } from './cargo-cache';

testRule(cargoCache, {
  valid: [
    {
      name: 'the usual multi-stage build: the builder is only copied from',
      code: lines('FROM rust:1.82 AS build', 'WORKDIR /src', 'COPY . .', 'RUN cargo build --release', 'FROM debian:12-slim', 'COPY --from=build /src/target/release/app /usr/local/bin/app'),
    },
    { name: 'a cache mount on the registry of the official image', code: lines('FROM rust:1.82', 'RUN --mount=type=cache,target=/usr/local/cargo/registry cargo install ripgrep') },
    { name: 'a cache mount on the whole CARGO_HOME', code: lines('FROM rust:1.82', 'RUN --mount=type=cache,target=/usr/local/cargo cargo build --release') },
    { name: 'rm -rf of registry and git', code: lines('FROM rust:1.82', 'RUN cargo install ripgrep && rm -rf /usr/local/cargo/registry /usr/local/cargo/git') },
    { name: 'rm -rf through $CARGO_HOME', code: lines('FROM rust:1.82', 'RUN cargo build --release && rm -rf "$CARGO_HOME"/registry') },
    { name: 'rustup-installed cargo in ~/.cargo, removed through ~', code: lines('FROM debian:12', 'USER root', 'RUN ~/.cargo/bin/cargo install just && rm -rf ~/.cargo/registry') },
    { name: 'CARGO_HOME relocated, mount on it', code: lines('FROM rust:1.82', 'ENV CARGO_HOME=/cargo', 'RUN --mount=type=cache,target=/cargo/registry cargo build') },
    { name: '--offline and --frozen download nothing', code: lines('FROM rust:1.82', 'RUN cargo build --offline && cargo test --frozen') },
    { name: 'cargo commands that download nothing', code: lines('FROM rust:1.82', 'RUN cargo --version && cargo new app && cargo clean') },
    { name: 'cleaning before and after', code: lines('FROM rust:1.82', 'RUN rm -rf /usr/local/cargo/registry && cargo fetch && rm -rf /usr/local/cargo/registry/*') },
    { name: 'a heredoc with the cleanup', code: lines('FROM rust:1.82', 'RUN <<EOF', 'cargo install ripgrep', 'rm -rf $CARGO_HOME/registry', 'EOF') },
    { name: 'the target directory is not this rule\'s concern', code: lines('FROM rust:1.82', 'RUN --mount=type=cache,target=/usr/local/cargo/registry cargo build --release') },
  ],
  invalid: [
    {
      name: 'cargo install on the official image',
      code: lines('FROM rust:1.82', 'RUN cargo install ripgrep'),
      errors: [{ line: 2, column: 5, message: /cargo registry \(\/usr\/local\/cargo\/registry.*rm -rf \/usr\/local\/cargo\/registry \/usr\/local\/cargo\/git/ }],
      output: null,
    },
    {
      name: 'a single-stage cargo build',
      code: lines('FROM rust:1.82', 'COPY . .', 'RUN cargo build --release'),
      errors: [{ line: 3, message: /stage that is not shipped/ }],
      output: null,
    },
    {
      name: 'a later build adds nothing to a registry an earlier layer holds',
      code: lines('FROM rust:1.82', 'COPY Cargo.toml Cargo.lock ./', 'RUN cargo fetch', 'COPY . .', 'RUN cargo build --release'),
      errors: [{ line: 3 }],
      output: null,
    },
    {
      name: 'continuation lines with && at the end',
      code: lines('FROM rust:1.82', 'RUN apt-get install -y pkg-config && \\', '    cargo install cargo-watch'),
      errors: [{ line: 3, column: 5 }],
      output: null,
    },
    {
      name: 'continuation lines with && leading',
      code: lines('FROM rust:1.82', 'RUN rustup target add wasm32-unknown-unknown \\', '    && cargo build --target wasm32-unknown-unknown'),
      errors: [{ line: 3 }],
      output: null,
    },
    {
      name: 'heredoc under set -e',
      code: lines('FROM rust:1.82', 'RUN <<EOF', 'set -e', 'cargo build --release', 'EOF'),
      errors: [{ line: 4, column: 1 }],
      output: null,
    },
    {
      name: 'exec form through sh -c',
      code: lines('FROM rust:1.82', 'RUN ["sh", "-c", "cargo install ripgrep"]'),
      errors: [{ line: 2, column: 19 }],
      output: null,
    },
    {
      name: 'exec form without a shell',
      code: lines('FROM rust:1.82', 'RUN ["cargo", "install", "ripgrep"]'),
      errors: [{ line: 2 }],
      output: null,
    },
    {
      name: 'a mount on the target directory does not cover the registry',
      code: lines('FROM rust:1.82', 'RUN --mount=type=cache,target=/src/target cargo build --release'),
      errors: [{ line: 2 }],
      output: null,
    },
    {
      name: 'CARGO_HOME relocated away from the mount',
      code: lines('FROM rust:1.82', 'ENV CARGO_HOME=/cargo', 'RUN --mount=type=cache,target=/usr/local/cargo/registry cargo build'),
      errors: [{ line: 3, message: /\(\/cargo\/registry/ }],
      output: null,
    },
    {
      name: 'removing only the downloaded archives leaves the index and sources',
      code: lines('FROM rust:1.82', 'RUN cargo install ripgrep && rm -rf /usr/local/cargo/registry/cache'),
      errors: [{ line: 2 }],
      output: null,
    },
    {
      name: 'cleanup only inside if',
      code: lines('FROM rust:1.82', 'RUN cargo install ripgrep && if [ "$SLIM" = 1 ]; then rm -rf /usr/local/cargo/registry; fi'),
      errors: [{ line: 2, message: /may not run/ }],
      output: null,
    },
    {
      name: 'cleanup before the last download',
      code: lines('FROM rust:1.82', 'RUN cargo install a && rm -rf /usr/local/cargo/registry && cargo install b'),
      errors: [{ line: 2, message: /runs before the last command/ }],
      output: null,
    },
    {
      name: 'unknown HOME: ~/.cargo by shape',
      code: lines('FROM debian:12', 'USER builder', 'RUN cargo install just'),
      errors: [{ line: 3, message: /~\/\.cargo\/registry/ }],
      output: null,
    },
    {
      name: 'the base stage of the final stage ships',
      code: lines('FROM rust:1.82 AS base', 'RUN cargo install ripgrep', 'FROM base', 'CMD ["rg"]'),
      errors: [{ line: 2 }],
      output: null,
    },
  ],
});
