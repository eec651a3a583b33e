using Microsoft.Playwright;

namespace BotHost.Browser.Tests;

/// <summary>
/// One headless Debian Chromium for every browser test, driven by Playwright's bundled driver. Playwright's own browser
/// download cannot work here, so the tests use the system's Chromium (.ci/run installs it when /usr/bin/chromium is missing).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>The flags the brief asks for: headless, no sandbox (root in CI), and nothing that reaches the network.</summary>
    public static readonly IReadOnlyList<string> Flags =
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where the screenshots go: the test output's screenshots folder.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(ScreenshotFolder);
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Chromium not found at {ChromiumPath}: the browser tests drive Debian's Chromium (apt-get install -y chromium; .ci/run does it)");
        }

        // Expect(...) polls for at most 5 seconds unless told otherwise, less than a preview or a page's fetch can take on
        // a loaded machine (the official CI runs these tests for 10-12 minutes); it gets the same bound as page actions.
        Assertions.SetDefaultExpectTimeout(ConsoleBrowser.PageTimeout);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = Flags,
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}

/// <summary>Browser tests run one at a time (two cores, one browser, servers on loopback).</summary>
[CollectionDefinition(Name)]
public sealed class SerialBrowser : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
