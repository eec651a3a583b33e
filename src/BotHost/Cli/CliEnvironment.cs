namespace BotHost.Cli;

/// <summary>
/// What every command writes to and reads the clock from; tests pass string writers and a fake clock. <paramref name="Style"/>
/// is how text output looks (plain unless the process runs at a terminal, see <see cref="CliStyleDetector"/>).
/// </summary>
public sealed record CliEnvironment(TextWriter Output, TextWriter Error, TimeProvider Time, TextReader Input, CliStyle Style = CliStyle.Plain);
