using Microsoft.Extensions.Options;

namespace BotHost.Serve;

/// <summary>
/// Settings problems as one line each (<c>Setting: what is wrong</c>), reported like the other start-up problems
/// instead of as the host's "Hosting failed to start" stack trace.
/// </summary>
public static class SettingsProblems
{
    /// <summary>
    /// The problems behind <paramref name="exception"/>, or null when it is not about settings. Start-up validation throws
    /// one <see cref="OptionsValidationException"/>, or an <see cref="AggregateException"/> of them when several options fail.
    /// </summary>
    public static IReadOnlyList<string>? From(Exception exception) => exception switch
    {
        OptionsValidationException invalid => [.. invalid.Failures],
        AggregateException { InnerExceptions: var inner } when inner.Count > 0 && inner.All(e => e is OptionsValidationException) =>
            [.. inner.Cast<OptionsValidationException>().SelectMany(e => e.Failures)],
        _ => null,
    };

    /// <summary>Runs the start-up validation of every options class now; on a problem, disposes the app and returns the lines.</summary>
    public static IReadOnlyList<string>? Validate(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        try
        {
            app.Services.GetService<IStartupValidator>()?.Validate();
            return null;
        }
        catch (Exception ex) when (From(ex) is { } problems)
        {
            ((IDisposable)app).Dispose();
            return problems;
        }
    }
}
