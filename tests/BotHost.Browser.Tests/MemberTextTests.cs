using BotHost.Core.Messages;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace BotHost.Browser.Tests;

/// <summary>Member text (here a marker word no article contains) never reaches a console page, a log line or an analytics row.</summary>
[Collection(SerialBrowser.Name)]
public sealed class MemberTextTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string Marker = "zqxmarker7319";
    private ConsoleTestServer _server = null!;

    public async Task InitializeAsync() => _server = await ConsoleTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task MemberText_MarkedMessages_NeverAppearInPagesLogsOrAnalytics()
    {
        var team = ConsoleTestServer.Team;
        Assert.Equal(ReplyKind.Declined, (await _server.SendAsync(team, $"{Marker} how do i bake sourdough bread", "m1")).Kind);
        Assert.Equal(ReplyKind.Urgent, (await _server.SendAsync(team, $"someone is threatening to post my pics unless i pay {Marker}", "m2")).Kind);
        Assert.Equal(ReplyKind.Answer, (await _server.SendAsync(team, $"how do i report child sexual abuse material {Marker}", "m3")).Kind);
        var admin = await ConsoleBrowser.NewPageAsync(browser);
        var moderator = await ConsoleBrowser.NewPageAsync(browser);
        await ConsoleBrowser.SignInAsync(admin, _server, ConsoleTestServer.AdminToken);
        await ConsoleBrowser.SignInAsync(moderator, _server, ConsoleTestServer.OtherModeratorToken);

        var pages = new List<string>();
        await _server.MeasureQualityAsync();
        foreach (var path in new[] { "/console/ask", "/console/knowledge", "/console/quality", "/console/gaps", "/console/gaps?community=slack/T0TEAM2", "/console/health" })
        {
            await admin.GotoAsync(_server.Url(path));
            pages.Add(await admin.ContentAsync());
        }

        await moderator.GotoAsync(_server.Url("/console/gaps"));
        pages.Add(await moderator.ContentAsync());
        pages.Add(await (await admin.APIRequest.GetAsync(_server.Url("/console/gaps.csv"))).TextAsync());

        Assert.All(pages, html => Assert.DoesNotContain(Marker, html, StringComparison.OrdinalIgnoreCase));
        Assert.Empty(_server.Logs.Containing(Marker, LogLevel.Information));
        Assert.DoesNotContain(Marker, await AnalyticsTextAsync(), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Every text value of every table of the analytics database.</summary>
    private async Task<string> AnalyticsTextAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={_server.DatabasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }

        Assert.Contains("daily_counts", tables);
        var text = new System.Text.StringBuilder();
        foreach (var table in tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++) text.Append(reader.GetValue(i)).Append('\t');
            }
        }

        return text.ToString();
    }
}
