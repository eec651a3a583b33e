namespace BotHost.Serve;

/// <summary>The maintainers' endpoints of <c>serve</c> (configuration section <c>Admin</c>).</summary>
public sealed class AdminOptions
{
    public const string Section = "Admin";

    /// <summary>Bearer token for <c>POST /admin/reload</c> and <c>POST /ask</c>; unset turns them off. A secret: from the environment only.</summary>
    public string? Token { get; set; }
}
