namespace BotHost.Cli;

/// <summary>Process exit codes of <c>bothost</c>.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The command ran and found a problem: knowledge errors, eval below target.</summary>
    public const int Failure = 1;

    /// <summary>The command line itself was wrong: unknown flag, missing argument, missing folder.</summary>
    public const int Usage = 2;
}
