namespace BotHost.Discord.Gateway.Wire;

/// <summary>A payload the client sends: <c>{"op":int,"d":...}</c> (no <c>s</c> or <c>t</c>).</summary>
internal sealed record GatewayCommand<T>(int Op, T D);
