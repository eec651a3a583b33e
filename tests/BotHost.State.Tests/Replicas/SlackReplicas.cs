using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using BotHost.Testing.Slack;

namespace BotHost.State.Tests.Replicas;

/// <summary>
/// Two (or more) real <c>bothost serve</c> replicas behind no balancer: the tests choose which replica each Slack
/// request reaches, as a load balancer might. They share Redis (one key prefix per fixture) and one PostgreSQL database,
/// and post to one loopback Slack.
/// </summary>
public sealed class SlackReplicas : IAsyncDisposable
{
    public const string SigningSecret = "8f742231b10e8888abcd99yyyzzz85a5";
    public const string Team = "T111";
    public const string Channel = "C0PUBLIC1";
    public const string AlertChannel = "C0ALERTS1";

    private readonly string _folder;

    private SlackReplicas(LoopbackSlackServer slack, TempDatabase database, string folder, IReadOnlyList<ServeProcess> replicas)
    {
        Slack = slack;
        Database = database;
        _folder = folder;
        Replicas = replicas;
    }

    public LoopbackSlackServer Slack { get; }

    public TempDatabase Database { get; }

    public IReadOnlyList<ServeProcess> Replicas { get; }

    /// <summary>Starts <paramref name="count"/> replicas on <paramref name="redis"/> (default: the CI Redis) and a fresh database.</summary>
    public static async Task<SlackReplicas> StartAsync(int count = 2, string? redis = null, int questionsPerMinute = 5)
    {
        var slack = await LoopbackSlackServer.StartAsync();
        var database = await TempDatabase.CreateAsync();
        var folder = Directory.CreateTempSubdirectory("bothost-replicas-").FullName;
        var communities = Path.Combine(folder, "communities.yaml");
        await File.WriteAllTextAsync(communities, $"""
            communities:
              - platform: slack
                id: "{Team}"
                region: US
                alert_channel: "{AlertChannel}"
            """);
        var settings = new Dictionary<string, string>
        {
            ["Slack__SigningSecret"] = SigningSecret,
            ["Slack__BotToken"] = "xoxb-replica-test",
            ["Slack__ApiBaseUrl"] = slack.ApiBaseUrl.AbsoluteUri,
            ["State__Redis"] = redis ?? StateServers.RequireRedis(),
            ["State__KeyPrefix"] = StateServers.UniquePrefix(),
            ["Analytics__ConnectionString"] = database.ConnectionString,
            ["Communities__File"] = communities,
            ["Safety__QuestionsPerMinute"] = questionsPerMinute.ToString(CultureInfo.InvariantCulture),
        };
        var replicas = await Task.WhenAll(Enumerable.Range(0, count).Select(_ => ServeProcess.StartAsync(settings)));
        return new SlackReplicas(slack, database, folder, replicas);
    }

    /// <summary>An app_mention from <paramref name="user"/>, signed now, to replica <paramref name="replica"/>.</summary>
    public Task<HttpResponseMessage> MentionAsync(int replica, string eventId, string user, string question, int? retryNum = null)
    {
        var ts = "1700000100." + (Math.Abs(StringComparer.Ordinal.GetHashCode(eventId)) % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        return PostEventAsync(replica, Mention(eventId, user, question, ts), retryNum);
    }

    public async Task<HttpResponseMessage> PostEventAsync(int replica, string json, int? retryNum = null)
    {
        using var request = SlackRequestSigner.SignedPost("/slack/events", Encoding.UTF8.GetBytes(json), "application/json", SigningSecret, DateTimeOffset.UtcNow);
        if (retryNum is { } n) request.Headers.Add("X-Slack-Retry-Num", n.ToString(CultureInfo.InvariantCulture));
        if (retryNum is not null) request.Headers.Add("X-Slack-Retry-Reason", "http_timeout");
        return await Replicas[replica].Client.SendAsync(request);
    }

    /// <summary>A "Helpful" click on an answer from <paramref name="article"/>, to replica <paramref name="replica"/>.</summary>
    public async Task<HttpResponseMessage> HelpfulClickAsync(int replica, string article, string responseName)
    {
        var payload = SlackSpecFiles.ReadPayload("slack-block-actions-payload.json")
            .Replace("\"action_id\": \"a\"", "\"action_id\": \"bothost_feedback_helpful\"", StringComparison.Ordinal)
            .Replace("\"value\": \"underlying\"", $"\"value\": \"answer:{article}\"", StringComparison.Ordinal)
            .Replace("https://hooks.slack.com/actions/T111/111/xxx", Slack.ResponseUrl(responseName).AbsoluteUri, StringComparison.Ordinal);
        var body = Encoding.UTF8.GetBytes("payload=" + Uri.EscapeDataString(payload));
        using var request = SlackRequestSigner.SignedPost("/slack/interactivity", body, "application/x-www-form-urlencoded", SigningSecret, DateTimeOffset.UtcNow);
        return await Replicas[replica].Client.SendAsync(request);
    }

    /// <summary>How many replies the replicas made in all (their pipeline's "Replied on slack" log line).</summary>
    public int Replied() => Occurrences("Replied on slack");

    /// <summary>How often <paramref name="text"/> appears in all the replicas' output.</summary>
    public int Occurrences(string text) => Replicas.Sum(r => CountOf(r.Output, text));


    /// <summary>Moderator alerts posted to the alert channel.</summary>
    public IReadOnlyList<JsonElement> Alerts() => [.. Posts().Where(p => p.GetProperty("channel").GetString() == AlertChannel)];

    /// <summary>Polls a condition on the replicas' output (real processes: there is no clock to advance).</summary>
    public static async Task EventuallyAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > (timeout ?? TimeSpan.FromSeconds(60))) throw new TimeoutException($"gave up waiting for {what}");
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Waits until <paramref name="replica"/>'s output holds <paramref name="text"/>: a log line reaches the test through
    /// the console logger's queue and the process's pipe, so it can arrive after the state it reports is visible.
    /// </summary>
    public static Task OutputShowsAsync(ServeProcess replica, string text) =>
        EventuallyAsync(() => replica.Output.Contains(text, StringComparison.Ordinal), $"the log line \"{text}\"", TimeSpan.FromSeconds(20));

    public async ValueTask DisposeAsync()
    {
        foreach (var replica in Replicas) await replica.DisposeAsync();
        await Slack.DisposeAsync();
        await Database.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    public static string Mention(string eventId, string user, string question, string ts) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["team_id"] = Team,
        ["api_app_id"] = "A111",
        ["type"] = "event_callback",
        ["event_id"] = eventId,
        ["event_time"] = 1700000100,
        ["event"] = new Dictionary<string, object?>
        {
            ["type"] = "app_mention",
            ["user"] = user,
            ["text"] = "<@UBOTHOST> " + question,
            ["ts"] = ts,
            ["channel"] = Channel,
            ["event_ts"] = "1700000100.000200",
        },
    });

    private static int CountOf(string output, string text)
    {
        var count = 0;
        for (var at = output.IndexOf(text, StringComparison.Ordinal); at >= 0; at = output.IndexOf(text, at + text.Length, StringComparison.Ordinal)) count++;
        return count;
    }

    private IEnumerable<JsonElement> Posts() =>
        Slack.RequestsTo("chat.postMessage").Concat(Slack.RequestsTo("chat.postEphemeral")).Select(r => r.Json()).Where(j => j.TryGetProperty("channel", out _));

    /// <summary>True when every response is 200 (Slack's acknowledgement).</summary>
    public static bool AllOk(params HttpResponseMessage[] responses) => responses.All(r => r.StatusCode == HttpStatusCode.OK);
}
