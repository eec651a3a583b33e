namespace BotHost.Core.Pipeline;

/// <summary>Where each kind of handler runs: channels the community excludes, limits, commands, safety, then the answer.</summary>
public static class HandlerOrder
{
    public const int Channels = 50;
    public const int RateLimit = 100;
    public const int Commands = 200;
    public const int Urgent = 300;
    public const int Refusal = 400;
    public const int Distress = 500;
    public const int Ask = 1000;
}
