namespace BotHost.Discord.Gateway.Wire;

/// <summary><c>d</c> of RESUME (op 6): the session and the last sequence number received.</summary>
internal sealed record ResumeData(string Token, string SessionId, long Seq);
