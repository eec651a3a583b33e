using System.Data.Common;
using BotHost.Console.Access;
using BotHost.Console.Gaps;
using BotHost.Console.Health;
using BotHost.Console.Pages;
using BotHost.Console.Preview;
using BotHost.Console.Quality;
using BotHost.Core.Analytics;
using BotHost.Core.Communities;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace BotHost.Console;

public static class ConsoleServiceCollectionExtensions
{
    /// <summary>
    /// The web console's services: Razor Pages rooted at <c>Console/Pages</c>, CSRF tokens bound to the session, the
    /// session store and sign-in. The host provides <c>KnowledgeHost</c>, the pipeline's services and, when
    /// communities have moderator tokens, an <see cref="IModeratorTokens"/>.
    /// </summary>
    public static IServiceCollection AddBotHostConsole(this IServiceCollection services, ConsoleSetup setup)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(setup);
        services.AddSingleton(setup);
        services.AddOptions<ConsoleOptions>();
        services.TryAddSingleton<IModeratorTokens, NoModeratorTokens>();
        services.TryAddSingleton<ConsoleSessionStore>();
        services.TryAddSingleton<SignInThrottle>();
        services.TryAddSingleton<ConsoleSignIn>();
        services.TryAddSingleton<IConsoleCommunities, NoConsoleCommunities>();
        services.TryAddSingleton<AskPreviewer>();
        services.TryAddSingleton<ConsoleMetrics>();
        services.AddHostedService<ConsoleMetricsStartup>();
        services.TryAddSingleton<IQualityHistory, SqliteQualityHistory>();
        services.TryAddSingleton<QualityService>();
        services.TryAddSingleton<IGapsReader, AnalyticsGapsReader>();
        services.AddHostedService<QualityMonitor>();
        services.AddRazorPages(options =>
            {
                options.RootDirectory = "/Console/Pages";
                options.Conventions.ConfigureFilter(new CsrfFailureFilter());
            })
            .AddApplicationPart(typeof(ConsoleSetup).Assembly);
        // Only the CSRF tokens use data protection (sessions are held on the server), so keys live in memory: nothing is
        // written to the home folder, and a restart simply asks open forms to be sent again.
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "bothost_console_csrf";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.Path = ConsolePaths.Root;
            options.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
            options.FormFieldName = "__csrf";
            options.SuppressXFrameOptionsHeader = false;
        });
        return services;
    }

    /// <summary>
    /// The console as <c>serve</c> hosts it (<c>Console__Enabled=true</c>): admins sign in with the admin token, each
    /// community of <paramref name="communities"/> with a <c>console_token_sha256</c> gets a moderator sign-in.
    /// </summary>
    public static IServiceCollection AddServedConsole(this IServiceCollection services, IConfiguration configuration, CommunityDirectory? communities)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ConsoleOptions>().Bind(configuration.GetSection(ConsoleOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConsoleOptions>, ConsoleOptionsValidator>());
        if (communities is not null)
        {
            services.AddSingleton<IConsoleCommunities>(new DirectoryConsoleCommunities(communities));
            services.AddSingleton<IModeratorTokens>(new HashedModeratorTokens(communities.Communities
                .Where(c => c.Value.ConsoleTokenSha256 is not null)
                .Select(c => (new ModeratorCommunity(c.Key.Platform, c.Key.Id), c.Value.ConsoleTokenSha256!))));
        }

        return services.AddBotHostConsole(new ConsoleSetup(ConsoleMode.Served, "BotHost console"));
    }

    /// <summary>
    /// <c>Console:Enabled</c>: off unless set to true; anything but true or false is a start-up problem naming the
    /// setting, not a guess (a typo must not leave the console silently off, or on).
    /// </summary>
    public static (bool On, IReadOnlyList<string> Problems) ConsoleSwitch(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var value = configuration[$"{ConsoleOptions.Section}:{nameof(ConsoleOptions.Enabled)}"];
        if (string.IsNullOrWhiteSpace(value)) return (false, []);
        return bool.TryParse(value.Trim(), out var on) ? (on, []) : (false, [$"Console__Enabled: '{value}' is not true or false"]);
    }

    /// <summary>Maps the console under <c>/console</c> behind <see cref="ConsoleAccessMiddleware"/>.</summary>
    public static WebApplication MapBotHostConsole(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments(ConsolePaths.Root, StringComparison.Ordinal),
            console => console.UseMiddleware<ConsoleAccessMiddleware>());
        app.MapGet(ConsolePaths.Stylesheet, () => Results.Text(ConsoleAssets.Stylesheet, "text/css; charset=utf-8"));
        app.MapGet(ConsolePaths.GapsCsv, GapsCsv);
        app.MapRazorPages();
        var setup = app.Services.GetRequiredService<ConsoleSetup>();
        if (!setup.IsLocalPreview)
        {
            var admin = string.IsNullOrEmpty(app.Services.GetRequiredService<IOptions<BotHost.Serve.AdminOptions>>().Value.Token) ? "off (set Admin__Token)" : "on";
            var moderators = app.Services.GetRequiredService<IConsoleCommunities>().All.Count(c => c.Settings.ConsoleTokenSha256 is not null);
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("BotHost.Console");
            ConsoleLog.Served(logger, admin, moderators);
        }

        return app;
    }

    /// <summary>The gaps page's counts as CSV, for the same scope rules (a moderator gets their own community only).</summary>
    private static IResult GapsCsv(HttpContext context, IGapsReader reader, TimeProvider time, string? community, int? days)
    {
        var session = ConsoleAccessMiddleware.SessionOf(context) ?? throw new InvalidOperationException("no console session");
        var scope = GapsScope.For(session, community, days);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        IReadOnlyList<DailyCount> counts;
        try
        {
            counts = reader.Counts(today.AddDays(-scope.Days + 1), scope.Platform, scope.Community);
        }
        catch (DbException)
        {
            return Results.Problem(GapsModel.UnavailableText, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Analytics unavailable");
        }

        var view = new GapsView(counts, today, scope.Days);
        var name = scope.IsOverall ? "all" : $"{scope.Platform}-{scope.Community}";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"bothost-gaps-{new string([.. name.Where(char.IsAsciiLetterOrDigit)])}-{scope.Days}d.csv\"";
        return Results.Text(view.ToCsv(), "text/csv; charset=utf-8");
    }
}

/// <summary>The console's one stylesheet, embedded in the executable (nothing is fetched at run time).</summary>
internal static class ConsoleAssets
{
    public static string Stylesheet { get; } = Read("console.css");

    private static string Read(string name)
    {
        using var stream = typeof(ConsoleAssets).Assembly.GetManifestResourceStream($"BotHost.Console.Assets.{name}")
            ?? throw new InvalidOperationException($"the embedded console asset {name} is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
