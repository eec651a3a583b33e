using System.Net;
using System.Text.Json;
using BotHost.Serve;
using BotHost.Testing;
using BotHost.Testing.Discord;
using Microsoft.AspNetCore.Builder;

namespace BotHost.Tests.Serve;

/// <summary><c>bothost serve</c> with only <c>Discord__PublicKey</c>: signed interactions answered inline on a real port, no token needed.</summary>
public sealed class ServeDiscordTests : IAsyncLifetime, IDisposable
{
    private readonly TempKnowledgeFolder _folder = SampleKnowledge.Create();
    private readonly HttpClient _http = new();
    private WebApplication _app = null!;
    private string _config = null!;

    public async Task InitializeAsync()
    {
        _config = Path.Combine(Path.GetTempPath(), $"serve-discord-{Guid.NewGuid():N}.json");
        var db = Path.Combine(Path.GetTempPath(), $"bothost-serve-{Guid.NewGuid():N}.db").Replace("\\", "/", StringComparison.Ordinal);
        await File.WriteAllTextAsync(_config, $$"""
            { "Discord": { "PublicKey": "{{DiscordSigner.PublicKeyHex}}", "ApplicationId": "775799577604522054" }, "Analytics": { "DatabasePath": "{{db}}" } }
            """);
        var (app, problems) = ServeHost.Build(new ServeSettings("http://127.0.0.1:0", _folder.Path, _config), new FakeTimeProvider(TestClock.Start));
        _app = app ?? throw new InvalidOperationException(string.Join('\n', problems));
        await _app.StartAsync();
        _http.BaseAddress = new Uri(_app.Urls.First());
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        File.Delete(_config);
    }

    public void Dispose()
    {
        _http.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task Interactions_SignedAsk_InlineAnswer()
    {
        var body = """
            {"id":"786008729715212338","application_id":"775799577604522054","type":2,"token":"T","version":1,"guild_id":"290926798626357999",
             "channel_id":"645027906669510667","member":{"user":{"id":"53908232506183680","username":"m"}},
             "data":{"id":"1","name":"ask","type":1,"options":[{"type":3,"name":"question","value":"how can i tell if someone is grooming my child"}]}}
            """;

        var response = await _http.SendAsync(DiscordSigner.SignedPost("/discord/interactions", body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(4, json.GetProperty("type").GetInt32());
        Assert.True(json.GetProperty("data").GetProperty("embeds").GetArrayLength() > 0);
    }

    [Fact]
    public async Task Interactions_Unsigned_401()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/discord/interactions") { Content = new StringContent("""{"type":1}""") };

        var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Readyz_PublicKeyOnly_DiscordConnected()
    {
        var text = await _http.GetStringAsync(new Uri("/readyz", UriKind.Relative));

        Assert.Contains("discord: connected", text, StringComparison.Ordinal);
    }
}
