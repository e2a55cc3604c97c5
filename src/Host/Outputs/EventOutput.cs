using System.Threading.Channels;
using GenreStream.Host.Live;

namespace GenreStream.Host.Outputs;

/// <summary>
/// One place events go (OSC, MQTT, JSON lines), isolated from the pipeline and from the other outputs:
/// events wait in the output's own bounded queue, and a thread of its own sends them. When the peer is
/// slow, failing or absent, the oldest queued events are dropped and counted; the pipeline never waits.
/// </summary>
internal abstract class EventOutput : IDisposable
{
    /// <summary>Events an output may fall behind by before the oldest are dropped.</summary>
    public const int Capacity = 1024;

    private readonly Channel<LiveEvent> _queue;
    private readonly CancellationTokenSource _stop = new();
    private Thread? _thread;
    private long _sent;
    private long _dropped;
    private long _failed;
    private int _threw;
    private string? _fault;

    protected EventOutput(string name)
    {
        Name = name;
        _queue = Channel.CreateBounded<LiveEvent>(
            // Synchronous continuations: Post wakes the output's thread directly. Otherwise the wake-up of its blocking
            // wait is queued to the thread pool, and a busy pool (a loaded machine, a service under load) can keep the
            // output's thread asleep: the likely cause of a CI run in which a --jsonl file was still not written when
            // listen's patience ran out (and those events were then lost without a count; now they are counted).
            new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true, AllowSynchronousContinuations = true },
            _ => Interlocked.Increment(ref _dropped));
    }

    /// <summary>What and where, for people (never a password).</summary>
    public string Name { get; }

    /// <summary>Events handed to the peer.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Events dropped because the queue was full (the peer slow or away).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Events that could not be sent (the peer refused or was away).</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Receives one-line reports of state changes (connected, lost, refused); set before <see cref="Start"/>.</summary>
    public Action<string>? Report { get; set; }

    /// <summary>Why the output gave up for good (its target cannot be written), or null while it works.</summary>
    public string? Fault => Volatile.Read(ref _fault);

    /// <summary>
    /// Called once, on the output's thread, when it gives up for good (see <see cref="UnwritableOutputException"/>);
    /// set before <see cref="Start"/>. Without it the fault goes to <see cref="Report"/>.
    /// </summary>
    public Action<EventOutput>? Faulted { get; set; }

    /// <summary>Starts the output's own sending thread.</summary>
    public void Start()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = $"genre output {Name}" };
        _thread.Start();
    }

    /// <summary>Queues <paramref name="e"/>; never waits. Once the output has given up, the event is counted as not delivered.</summary>
    public void Post(LiveEvent e)
    {
        if (!Carries(e))
        {
            // Nothing to send, so nothing counted: the figures say what reached the peer.
            return;
        }

        if (!_queue.Writer.TryWrite(e) && Fault is not null)
        {
            Interlocked.Increment(ref _failed);
        }
    }

    /// <summary>Takes no more events: the output sends what is queued and then stops (<see cref="Complete"/> waits for that).</summary>
    public void EndQueue() => _queue.Writer.TryComplete();

    /// <summary>No more events: sends what is queued for up to <paramref name="patience"/>, then stops.</summary>
    public void Complete(TimeSpan patience)
    {
        _queue.Writer.TryComplete();
        if (_thread is not null && !_thread.Join(patience))
        {
            _stop.Cancel();
            if (_thread.Join(TimeSpan.FromSeconds(1)))
            {
                // What the patience left unsent is counted as not delivered, so that the summary says so.
                while (_queue.Reader.TryRead(out _))
                {
                    Interlocked.Increment(ref _failed);
                }
            }
        }
    }

    public void Dispose()
    {
        Complete(TimeSpan.FromSeconds(2));
        Dispose(true);
        _stop.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Sends one event, blocking this output's thread as long as it needs.</summary>
    /// <returns>False when it could not be sent (counted in <see cref="Failed"/>).</returns>
    protected abstract bool Send(LiveEvent e, CancellationToken cancel);

    /// <summary>Whether this output sends anything for <paramref name="e"/> (OSC, for one, carries only genre events).</summary>
    protected virtual bool Carries(LiveEvent e) => true;

    /// <summary>Called once on the output's thread before the first event (e.g. to connect).</summary>
    protected virtual void Open(CancellationToken cancel)
    {
    }

    /// <summary>Called once on the output's thread after the last event.</summary>
    protected virtual void Close()
    {
    }

    protected virtual void Dispose(bool disposing)
    {
    }

    /// <summary>Counts events that were never handed to <see cref="Send"/> (e.g. the output gave up).</summary>
    protected void CountFailed(long events = 1) => Interlocked.Add(ref _failed, events);

    /// <summary>No event can be sent any more: what is queued and what comes is counted as not delivered, and it is said once.</summary>
    private void GiveUp(string reason)
    {
        Volatile.Write(ref _fault, reason);
        _queue.Writer.TryComplete();
        while (_queue.Reader.TryRead(out _))
        {
            Interlocked.Increment(ref _failed);
        }

        if (Faulted is { } faulted)
        {
            faulted(this);
        }
        else
        {
            Report?.Invoke($"cannot write to {Name}: {reason}; its events are counted as not delivered from now on");
        }
    }

    private void Run()
    {
        var cancel = _stop.Token;
        var inFlight = false;
        try
        {
            try
            {
                Open(cancel);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Report?.Invoke($"{Name}: {ex.Message.ReplaceLineEndings(" ")}");
            }

            while (_queue.Reader.WaitToReadAsync(cancel).AsTask().GetAwaiter().GetResult())
            {
                while (_queue.Reader.TryRead(out var e))
                {
                    bool sent;
                    try
                    {
                        inFlight = true;
                        sent = Send(e, cancel);
                        inFlight = false;
                    }
                    catch (UnwritableOutputException ex)
                    {
                        Interlocked.Increment(ref _failed);
                        GiveUp(ex.Message);
                        return;
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        // A failing output must not end itself, the others or the process: count it, say it once.
                        sent = false;
                        if (Interlocked.Exchange(ref _threw, 1) == 0)
                        {
                            Report?.Invoke($"{Name}: {ex.GetType().Name}: {ex.Message.ReplaceLineEndings(" ")} (counted as not delivered; carrying on)");
                        }
                    }

                    Interlocked.Increment(ref sent ? ref _sent : ref _failed);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped (the patience ran out), perhaps in the middle of sending an event: that one was not delivered.
            if (inFlight)
            {
                Interlocked.Increment(ref _failed);
            }
        }
        finally
        {
            Close();
        }
    }
}
