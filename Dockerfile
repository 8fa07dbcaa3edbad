# rebalance-operator image: the production binary (no test doubles: the DevEnvironment trait is off) with the Swift
# standard library linked statically, on a slim Debian runtime as a non-root numeric user.
#   docker build --build-arg REBALANCE_OPERATOR_COMMIT=$(git rev-parse HEAD) -t rebalance-operator:0.1.0 .
# The test suite builds the same binary the same way (scripts/test) and checks it runs with only the libraries
# of this runtime image (ldd) and answers --help and version.

ARG SWIFT_IMAGE=swift:6.3-bookworm
ARG RUNTIME_IMAGE=debian:bookworm-slim

FROM ${SWIFT_IMAGE} AS build
WORKDIR /src
# Dependencies first, so that source edits reuse the resolved packages layer.
COPY Package.swift Package.resolve[d] ./
RUN swift package resolve
COPY Sources ./Sources
# Tests/ too: Package.swift declares the test targets, and SwiftPM wants their folders to exist.
COPY Tests ./Tests
# The commit for `rebalance-operator version` (there is no .git in the build context).
ARG REBALANCE_OPERATOR_COMMIT=unknown
ENV REBALANCE_OPERATOR_COMMIT=${REBALANCE_OPERATOR_COMMIT}
RUN swift build -c release --product rebalance-operator --disable-default-traits --static-swift-stdlib \
    && install -D -m 0755 "$(swift build -c release --disable-default-traits --static-swift-stdlib --show-bin-path)/rebalance-operator" /out/rebalance-operator

FROM ${RUNTIME_IMAGE}
ARG VERSION=0.1.0
ARG REBALANCE_OPERATOR_COMMIT=unknown
LABEL org.opencontainers.image.title="rebalance-operator" \
      org.opencontainers.image.description="Kubernetes operator that evacuates and rebalances EMQX broker clusters." \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REBALANCE_OPERATOR_COMMIT}"
# Foundation needs the CA bundle for TLS to the API server and EMQX, and tzdata for dates; glibc and libstdc++ are
# in the base image.
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates tzdata \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /out/rebalance-operator /usr/local/bin/rebalance-operator
# The numeric user deploy/deployment.yaml runs as (runAsNonRoot needs a number to check).
USER 65532:65532
EXPOSE 8080 8081
ENTRYPOINT ["/usr/local/bin/rebalance-operator"]
CMD ["run"]
