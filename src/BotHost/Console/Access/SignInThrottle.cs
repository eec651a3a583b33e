namespace BotHost.Console.Access;

/// <summary>
/// At most <see cref="MaxFailures"/> failed sign-ins in any sliding <see cref="Window"/>, for the whole console: tokens
/// are long, and this keeps guessing over HTTP hopeless without keeping anything per address (bounded by construction).
/// </summary>
public sealed class SignInThrottle(TimeProvider time)
{
    public const int MaxFailures = 10;

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly Queue<DateTimeOffset> _failures = new();
    private readonly Lock _gate = new();

    /// <summary>True while too many sign-ins failed recently: the attempt is refused without checking the token.</summary>
    public bool IsBlocked
    {
        get
        {
            lock (_gate)
            {
                Forget(time.GetUtcNow());
                return _failures.Count >= MaxFailures;
            }
        }
    }

    public void Failed()
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            Forget(now);
            if (_failures.Count < MaxFailures) _failures.Enqueue(now);
        }
    }

    private void Forget(DateTimeOffset now)
    {
        while (_failures.Count > 0 && now - _failures.Peek() >= Window) _failures.Dequeue();
    }
}
