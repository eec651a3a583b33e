using System.CommandLine;

namespace BotHost.Cli;

/// <summary>
/// <c>bothost healthcheck [--url URL]</c>: exit 0 when the running host answers 200 on /healthz, so a container
/// HEALTHCHECK needs no curl in the image.
/// </summary>
internal static class HealthcheckCommand
{
    public static Command Create(CliEnvironment env)
    {
        var url = new Option<string>("--url") { Description = "The health endpoint", DefaultValueFactory = _ => "http://127.0.0.1:8080/healthz" };
        var command = new Command("healthcheck", "Exit 0 when bothost serve answers on /healthz") { url };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!Uri.TryCreate(parse.GetValue(url), UriKind.Absolute, out var target) || (target.Scheme != Uri.UriSchemeHttp && target.Scheme != Uri.UriSchemeHttps))
            {
                await env.Error.WriteLineAsync($"bothost: --url must be an http(s) address: {parse.GetValue(url)}");
                return ExitCodes.Usage;
            }

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            try
            {
                using var response = await http.GetAsync(target, cancellationToken);
                if (response.IsSuccessStatusCode) return ExitCodes.Success;
                await env.Error.WriteLineAsync($"bothost: unhealthy: {(int)response.StatusCode} from {target}");
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                await env.Error.WriteLineAsync($"bothost: unhealthy: {ex.Message}");
            }

            return ExitCodes.Failure;
        });
        return command;
    }
}
