import { lines, testRule } from '../testing/rule-tester';
import { goCache } from './go-cache';

testRule(goCache, {
  valid: [
    {
      name: 'the usual multi-stage build: the builder is only copied from',
      code: lines('FROM golang:1.23 AS build', 'WORKDIR /src', 'COPY . .', 'RUN go mod download && go build -o /out/app .', 'FROM gcr.io/distroless/static', 'COPY --from=build /out/app /app'),
    },
    { name: 'cache mounts on both caches', code: lines('FROM golang:1.23', 'RUN --mount=type=cache,target=/root/.cache/go-build --mount=type=cache,target=/go/pkg/mod go build -o /app .') },
    { name: 'a mount on the parent of the build cache (docker/buildx style)', code: lines('FROM golang:1.23', 'RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/ go build -o /app .') },
    { name: 'go clean -cache -modcache at the end', code: lines('FROM golang:1.23', 'RUN go build -o /app . && go clean -cache -modcache') },
    { name: 'rm -rf of both directories', code: lines('FROM golang:1.23', 'RUN go build -o /app . && rm -rf /root/.cache/go-build /go/pkg/mod') },
    {
      name: 'GOCACHE and GOMODCACHE relocated by ENV',
      code: lines('FROM golang:1.23', 'ENV GOCACHE=/tmp/gocache GOMODCACHE=/tmp/gomod', 'RUN --mount=type=tmpfs,target=/tmp go build -o /app .'),
    },
    { name: 'GOPATH relocates the module cache', code: lines('FROM debian:12', 'ENV GOPATH=/work HOME=/root', 'RUN go install ./cmd/x && rm -rf /work/pkg/mod /root/.cache/go-build') },
    { name: '-mod=vendor downloads no modules', code: lines('FROM golang:1.23', 'RUN go build -mod=vendor -o /app . && go clean -cache') },
    { name: 'go commands that neither build nor download', code: lines('FROM golang:1.23', 'RUN go version && go env && go mod init example.com/x') },
    { name: 'cleaning before and after', code: lines('FROM golang:1.23', 'RUN go clean -cache -modcache && go build -o /app . && go clean -cache -modcache') },
    { name: 'a heredoc with the cleanup', code: lines('FROM golang:1.23', 'RUN <<EOF', 'set -e', 'go build -o /app .', 'go clean -cache -modcache', 'EOF') },
    { name: 'xx-go with cache mounts', code: lines('FROM golang:1.23', 'RUN --mount=type=cache,target=/root/.cache --mount=type=cache,target=/go/pkg/mod xx-go build -o /app .') },
  ],
  invalid: [
    {
      name: 'a single-stage build leaves both caches',
      code: lines('FROM golang:1.23', 'WORKDIR /src', 'COPY . .', 'RUN go build -o /app .'),
      errors: [{ line: 4, column: 5, message: /Go build cache \(\/root\/\.cache\/go-build\) and the Go module cache \(\/go\/pkg\/mod\).*stage that is not shipped.*go clean -cache -modcache/ }],
      output: null,
    },
    {
      name: 'go mod download alone fills the module cache only',
      code: lines('FROM golang:1.23', 'RUN go mod download'),
      errors: [{ line: 2, message: /^`go mod download` leaves the Go module cache \(\/go\/pkg\/mod\) in/ }],
      output: null,
    },
    {
      name: 'a later build adds nothing to a module cache an earlier layer holds',
      code: lines('FROM golang:1.23', 'COPY go.mod go.sum ./', 'RUN go mod download', 'COPY . .', 'RUN go build -o /app . && go clean -cache'),
      errors: [{ line: 3 }],
      output: null,
    },
    {
      name: 'go install of a version downloads it whatever earlier layers hold',
      code: lines('FROM golang:1.23', 'RUN go mod download', 'RUN go install golang.org/x/tools/cmd/stringer@latest && go clean -cache'),
      errors: [{ line: 2 }, { line: 3, message: /module cache/ }],
      output: null,
    },
    {
      name: 'continuation lines with && at the end',
      code: lines('FROM golang:1.23', 'RUN go mod download && \\', '    CGO_ENABLED=0 go build -o /app .'),
      errors: [{ line: 3, column: 5 }],
      output: null,
    },
    {
      name: 'continuation lines with && leading, cleaning one cache only',
      code: lines('FROM golang:1.23', 'RUN go build -o /app . \\', '    && go clean -cache'),
      errors: [{ line: 2, message: /go clean -modcache`/ }],
      output: null,
    },
    {
      name: 'heredoc without set -e',
      code: lines('FROM golang:1.23', 'RUN <<EOF', 'go test ./...', 'EOF'),
      errors: [{ line: 3, column: 1 }],
      output: null,
    },
    {
      name: 'exec form through sh -c',
      code: lines('FROM golang:1.23', 'RUN ["sh", "-c", "go build -o /app ."]'),
      errors: [{ line: 2, column: 19 }],
      output: null,
    },
    {
      name: 'exec form without a shell',
      code: lines('FROM golang:1.23', 'RUN ["go", "build", "-o", "/app", "."]'),
      errors: [{ line: 2 }],
      output: null,
    },
    {
      name: 'a mount on another path does not exempt',
      code: lines('FROM golang:1.23', 'RUN --mount=type=cache,target=/root/.cache/pip --mount=type=cache,target=/go/pkg/mod go build -o /app .'),
      errors: [{ line: 2, message: /^`go build` leaves the Go build cache \(\/root\/\.cache\/go-build\) in/ }],
      output: null,
    },
    {
      name: 'GOCACHE relocated away from the mount',
      code: lines('FROM golang:1.23', 'ENV GOCACHE=/gocache', 'RUN --mount=type=cache,target=/root/.cache/go-build --mount=type=cache,target=/go/pkg/mod go build -o /app .'),
      errors: [{ line: 3, message: /\(\/gocache\)/ }],
      output: null,
    },
    {
      name: 'go clean only after ||',
      code: lines('FROM golang:1.23', 'RUN go build -o /app . || go clean -cache -modcache'),
      errors: [{ line: 2, message: /may not run/ }],
      output: null,
    },
    {
      name: 'go clean before the last build',
      code: lines('FROM golang:1.23', 'RUN go build -o /a ./a && go clean -cache -modcache && go build -o /b ./b'),
      errors: [{ line: 2, column: 56, message: /runs before the last command/ }],
      output: null,
    },
    {
      name: 'the base stage of the final stage ships',
      code: lines('FROM golang:1.23 AS base', 'RUN go build -o /app .', 'FROM base', 'CMD ["/app"]'),
      errors: [{ line: 2 }],
      output: null,
    },
  ],
});
