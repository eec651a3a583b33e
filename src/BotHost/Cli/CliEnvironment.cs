namespace BotHost.Cli;

/// <summary>What every command writes to and reads the clock from; tests pass string writers and a fake clock.</summary>
public sealed record CliEnvironment(TextWriter Output, TextWriter Error, TimeProvider Time, TextReader Input);
