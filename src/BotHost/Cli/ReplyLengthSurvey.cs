using System.Globalization;
using System.Text;
using BotHost.Core.Console;
using BotHost.Core.Messages;
using BotHost.Knowledge;

namespace BotHost.Cli;

/// <summary>
/// Runs eval messages through the same pipeline as <c>bothost ask</c> and measures each reply's text on the console,
/// Discord and Slack (<see cref="ReplyTextLength"/>). Each message is asked in one region, taken in turn from
/// <see cref="Regions"/>, so every region's hotline choice is measured without asking everything nine times. Every
/// eval set can be measured (questions, urgent and refusal sets alike: only each line's first field, the message, is
/// read); the messages of blind sets are never printed, only their file and line.
/// </summary>
internal static class ReplyLengthSurvey
{
    /// <summary>What fits one phone screen (issue #15): every reply must stay below it on every rendering.</summary>
    public const int PhoneScreen = ReplyFit.PhoneScreen;

    /// <summary>One message of an eval set: the file it came from, its 1-based line and its text.</summary>
    public sealed record Case(string File, int Line, string Message)
    {
        /// <summary>Blind sets are measured only: their rows are never shown (knowledge/README.md).</summary>
        public bool Blind => System.IO.Path.GetFileName(File).StartsWith("blind-", StringComparison.Ordinal);
    }

    public static readonly IReadOnlyList<string> Regions = ["US", "GB", "CA", "AU", "IE", "NZ", "IN", "EU", "INTL"];

    public sealed record Measured(Case Case, string Region, ReplyKind Kind, int Console, int Discord, int Slack)
    {
        /// <summary>Where the message is, and the message itself unless it comes from a blind set.</summary>
        public string Describe() => Case.Blind
            ? $"{System.IO.Path.GetFileName(Case.File)}:{Case.Line} (blind: not shown)"
            : $"{System.IO.Path.GetFileName(Case.File)}:{Case.Line}: {Case.Message}";

        public int Longest => Math.Max(Console, Math.Max(Discord, Slack));
    }

    /// <summary>The message (first tab-separated field) of every line that is not blank or a # comment.</summary>
    public static IReadOnlyList<Case> Read(string file, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var cases = new List<Case>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]) || lines[i].TrimStart().StartsWith('#')) continue;
            var message = lines[i].Split('\t')[0].Trim();
            if (message.Length > 0) cases.Add(new Case(file, i + 1, message));
        }

        return cases;
    }

    public static async Task<IReadOnlyList<Measured>> RunAsync(KnowledgeBase knowledge, IReadOnlyList<Case> cases, CliEnvironment env, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        ArgumentNullException.ThrowIfNull(cases);
        var adapters = new Dictionary<string, (ServiceProvider Services, ConsoleAdapter Adapter)>();
        try
        {
            foreach (var region in Regions)
            {
                var services = ConsoleServices.Build(knowledge, region, env);
                adapters[region] = (services, services.GetRequiredService<ConsoleAdapter>());
            }

            var measured = new List<Measured>(cases.Count);
            for (var i = 0; i < cases.Count; i++)
            {
                var region = Regions[i % Regions.Count];
                var reply = await adapters[region].Adapter.AskAsync(cases[i].Message, cancellationToken);
                measured.Add(new Measured(cases[i], region, reply.Kind,
                    ReplyTextLength.Console(reply), ReplyTextLength.Discord(reply), ReplyTextLength.Slack(reply)));
            }

            return measured;
        }
        finally
        {
            foreach (var (services, _) in adapters.Values) await services.DisposeAsync();
        }
    }

    /// <summary>Median and maximum per rendering, and every reply at or over <see cref="PhoneScreen"/>.</summary>
    public static string Report(IReadOnlyList<Measured> measured)
    {
        ArgumentNullException.ThrowIfNull(measured);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"replies measured: {measured.Count}\n");
        text.Append("rendering  median  max    over ").Append(PhoneScreen.ToString("N0", CultureInfo.InvariantCulture)).Append('\n');
        Row(text, "console", measured.Select(m => m.Console));
        Row(text, "discord", measured.Select(m => m.Discord));
        Row(text, "slack", measured.Select(m => m.Slack));
        foreach (var kind in measured.GroupBy(m => m.Kind).OrderBy(g => g.Key))
        {
            text.Append(CultureInfo.InvariantCulture, $"  {kind.Key}: {kind.Count()} replies, longest {kind.Max(m => m.Longest)}, {kind.Count(m => m.Longest >= PhoneScreen)} over\n");
        }

        var longest = measured.Where(m => m.Longest >= PhoneScreen).GroupBy(m => m.Kind).SelectMany(g => g.OrderByDescending(m => m.Longest).Take(5));
        foreach (var m in longest)
        {
            text.Append(CultureInfo.InvariantCulture, $"  [{m.Region}] {m.Kind}: console {m.Console}, discord {m.Discord}, slack {m.Slack}: {m.Describe()}\n");
        }

        return text.ToString();
    }

    private static void Row(StringBuilder text, string name, IEnumerable<int> lengths)
    {
        var sorted = lengths.Order().ToList();
        var median = sorted.Count == 0 ? 0 : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        var max = sorted.Count == 0 ? 0 : sorted[^1];
        var over = sorted.Count(l => l >= PhoneScreen);
        text.Append(CultureInfo.InvariantCulture, $"{name,-10} {median,6} {max,6} {over,6}\n");
    }
}
