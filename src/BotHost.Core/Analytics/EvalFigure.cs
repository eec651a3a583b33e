namespace BotHost.Core.Analytics;

/// <summary>One figure of one eval set ("recall_at_1" 0.93), as <c>kb eval</c> names it.</summary>
public sealed record EvalFigure(string Name, double Value);
