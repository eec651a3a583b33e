using System.Collections.Concurrent;
using System.Threading.Channels;
using BotHost.Testing.Slack;
using Microsoft.AspNetCore.Http;

namespace BotHost.Testing;

/// <summary>
/// What a loopback platform server shares: every request recorded under a target name ("chat.postMessage",
/// "POST channels/1/messages"), answered from a script the test fills, else by the server's own default.
/// </summary>
public sealed class LoopbackScript
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<LoopbackResponse>> _scripts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Channel<RecordedRequest>> _unread = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<RecordedRequest> _all = new();

    /// <summary>Every request received, in order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. _all];

    /// <summary>The next answers to <paramref name="target"/>.</summary>
    public void Enqueue(string target, params LoopbackResponse[] responses)
    {
        var queue = _scripts.GetOrAdd(target, _ => new ConcurrentQueue<LoopbackResponse>());
        foreach (var response in responses) queue.Enqueue(response);
    }

    /// <summary>Every request received for <paramref name="target"/>, in order.</summary>
    public IReadOnlyList<RecordedRequest> RequestsTo(string target) => [.. _all.Where(r => r.Target == target)];

    /// <summary>The next request for <paramref name="target"/> that has not been read with this method yet.</summary>
    public async Task<RecordedRequest> NextRequestAsync(string target, TimeSpan? timeout = null) =>
        await Unread(target).Reader.ReadAsync().AsTask().WaitAsync(timeout ?? LoopbackSocket.DefaultTimeout);

    /// <summary>Records the request and answers it from the script, else with <paramref name="fallback"/>(target, body).</summary>
    public async Task AnswerAsync(HttpContext context, string target, Func<string, string, LoopbackResponse> fallback)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(fallback);
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var request = new RecordedRequest(target, headers, context.Request.ContentType ?? string.Empty, body);
        var response = _scripts.TryGetValue(target, out var queue) && queue.TryDequeue(out var scripted) ? scripted : fallback(target, body);
        _all.Enqueue(request);
        Unread(target).Writer.TryWrite(request);
        if (response.Hold is { } hold && !await HeldAsync(hold, context.RequestAborted)) return;
        context.Response.StatusCode = response.Status;
        foreach (var (name, value) in response.Headers) context.Response.Headers[name] = value;
        if (response.Status == StatusCodes.Status204NoContent) return;
        context.Response.ContentType = response.ContentType;
        await context.Response.WriteAsync(response.Body);
    }

    /// <summary>Waits for <paramref name="hold"/>; false when the client gave up first.</summary>
    private static async Task<bool> HeldAsync(Task hold, CancellationToken aborted)
    {
        try
        {
            await hold.WaitAsync(aborted);
            return true;
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            return false;
        }
    }

    private Channel<RecordedRequest> Unread(string target) => _unread.GetOrAdd(target, _ => Channel.CreateUnbounded<RecordedRequest>());
}
