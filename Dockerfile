# deploy-verifier as a container image: a self-contained, ReadyToRun build of the CLI on the .NET runtime-deps image.
#
#   docker build -t deploy-verifier .
#   docker run --rm -v "$PWD:/work" -w /work deploy-verifier verify --checklist checklist.yml ...
#
# Also the image of the GitHub container action (action.yml: runs.image: Dockerfile); the runner mounts the
# workspace at /github/workspace and makes it the working directory, so this file sets neither WORKDIR for the
# final stage nor USER. Base images are build arguments so that a machine without access to mcr.microsoft.com can
# build with local ones (see scripts/container-test.sh).
#
# Not trimmed: CommandLineParser 2.9.1 is not trim-safe (IL2104, with IL2026/IL2067/IL2070/IL2075/IL2080/IL2091 inside
# CommandLine.dll) and the build treats warnings as errors; suppressing them would hide real breakage in parsing.

# Pinned to exact versions, bumped on purpose (a new SDK patch with new analyzers must not break a release build);
# the release workflow passes the same values. Digests can be added as sdk:10.0.401@sha256:... once taken from the registry.
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0.401
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/runtime-deps:10.0.12

# The SDK runs on the build machine's platform and publishes for the target's: no emulation in the build.
FROM --platform=$BUILDPLATFORM ${SDK_IMAGE} AS build
ARG TARGETARCH=amd64
ARG VERSION=0.0.0-dev
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    DOTNET_NOLOGO=1 \
    DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 \
    DOTNET_EnableDiagnostics=0
WORKDIR /src

# Restore first, from the project files alone, so a source change does not download the packages again.
COPY Directory.Build.props Directory.Packages.props ./
COPY eng/ eng/
COPY src/DeployVerifier.Core/DeployVerifier.Core.csproj src/DeployVerifier.Core/
COPY src/DeployVerifier.Prometheus/DeployVerifier.Prometheus.csproj src/DeployVerifier.Prometheus/
COPY src/DeployVerifier.Cli/DeployVerifier.Cli.csproj src/DeployVerifier.Cli/
RUN RID="linux-$(echo "$TARGETARCH" | sed 's/amd64/x64/')" \
 && dotnet restore src/DeployVerifier.Cli --disable-build-servers -r "$RID" -p:PublishReadyToRun=true

COPY src/ src/
# No build servers (MSBuild nodes, compiler server) outlive the step.
RUN RID="linux-$(echo "$TARGETARCH" | sed 's/amd64/x64/')" \
 && dotnet publish src/DeployVerifier.Cli --no-restore --disable-build-servers -c Release -r "$RID" --self-contained \
      -p:PublishReadyToRun=true \
      -p:Version="$VERSION" \
      -p:UseSharedCompilation=false \
      -p:DebugType=none \
      -o /app \
 && test -x /app/deploy-verifier

FROM ${RUNTIME_IMAGE} AS runtime
ARG RUNTIME_IMAGE
ARG VERSION=0.0.0-dev
ARG REVISION=unknown
LABEL org.opencontainers.image.title="deploy-verifier" \
      org.opencontainers.image.description="Post-deployment verifier: watches Prometheus over a soak window after a release and judges it against a YAML checklist." \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.source="https://github.com/your-org/deploy-verifier" \
      org.opencontainers.image.base.name="${RUNTIME_IMAGE}"
COPY --from=build /app /app
ENTRYPOINT ["/app/deploy-verifier"]
