using Polly.Timeout;

namespace BotHost.Core.Adapters;

/// <summary>
/// Turns Polly's <see cref="TimeoutRejectedException"/> into the exception HttpClient throws for its own timeout
/// (<see cref="TaskCanceledException"/> with a <see cref="TimeoutException"/> inside), so callers handle one shape.
/// </summary>
internal sealed class AttemptTimeoutHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await base.SendAsync(request, cancellationToken);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new TaskCanceledException("The platform did not answer in time.", new TimeoutException(ex.Message, ex));
        }
    }
}
