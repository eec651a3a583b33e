using BotHost.Cli;
using BotHost.Testing;

namespace BotHost.Tests.Cli;

/// <summary>Runs <c>bothost</c> in-process with captured output and a fake clock.</summary>
internal static class CliRunner
{
    public static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args) => await RunWithInputAsync(string.Empty, args);

    public static async Task<(int Exit, string Output, string Error)> RunWithInputAsync(string input, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var env = new CliEnvironment(output, error, new FakeTimeProvider(TestClock.Start), new StringReader(input));
        var exit = await BotHostCli.RunAsync(args, env, CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }
}
