namespace BotHost.Serve.Endpoints;

/// <summary>The body of <c>POST /ask</c>.</summary>
public sealed record AskRequest(string? Question, string? Region);
