namespace BotHost.Tests.Serve;

/// <summary>
/// Test classes that build <c>serve</c> apps run one at a time: System.Diagnostics.Metrics meters are process-wide,
/// so one app's <c>/metrics</c> would also read the gauges of another app alive at the same moment.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SerialServeApps
{
    public const string Name = "serve apps";
}
