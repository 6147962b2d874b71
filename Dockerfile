# The llm-bench image: the static release binary on Debian's slim base, run as a non-root user.
#
#   docker build -t llm-bench:0.1.0 .
#   docker run --rm -v "$PWD:/work" llm-bench:0.1.0 configs/demo.yaml
#
# The builder is the official Swift image of the same Debian release as the runtime, so the binary
# and the runtime's C library match.
ARG SWIFT_IMAGE=swift:6.3-bookworm
ARG RUNTIME_IMAGE=debian:bookworm-slim

FROM ${SWIFT_IMAGE} AS builder
WORKDIR /build
COPY Package.swift ./
COPY Sources ./Sources
COPY Tests ./Tests
# The Swift runtime and Foundation are linked in (--static-swift-stdlib); what is left is the C and
# C++ runtime (libc, libm, libstdc++, libgcc_s), as ldd shows on such a binary.
RUN swift build -c release --static-swift-stdlib --product llm-bench \
    && install -D -m 0755 "$(swift build -c release --static-swift-stdlib --show-bin-path)/llm-bench" /out/llm-bench \
    && strip /out/llm-bench

FROM ${RUNTIME_IMAGE}
# ca-certificates for https:// servers; libstdc++6 is the one shared library the binary needs
# beyond the C library (usually present in the slim image already).
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates libstdc++6 \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --gid 10001 llm-bench \
    && useradd --uid 10001 --gid 10001 --no-create-home --home-dir /work --shell /usr/sbin/nologin llm-bench \
    && install -d -o 10001 -g 10001 /work
COPY --from=builder /out/llm-bench /usr/local/bin/llm-bench
USER 10001:10001
WORKDIR /work
ENTRYPOINT ["llm-bench"]
CMD ["--help"]
