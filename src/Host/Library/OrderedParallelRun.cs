namespace GenreStream.Host.Library;

/// <summary>
/// Runs one piece of work per item on several threads and hands the outcomes back in the items' order, on the
/// caller's thread, as soon as each one and all before it are done: the output of a parallel run is the output of a
/// serial one. Workers run at most a bounded distance ahead of the caller, so a slow file does not make the others'
/// results pile up in memory.
/// </summary>
internal static class OrderedParallelRun
{
    /// <summary>Items a worker may finish ahead of the first one not yet handed back, per worker.</summary>
    private const int LookAheadPerWorker = 32;

    /// <summary>Runs <paramref name="work"/> for items 0 to <paramref name="count"/> - 1 on <paramref name="workers"/> threads.</summary>
    /// <param name="count">Items.</param>
    /// <param name="workers">Threads doing the work (at least 1).</param>
    /// <param name="work">The work for one item; called on a worker thread; an exception it throws is the item's outcome.</param>
    /// <param name="emit">Called on the caller's thread with each outcome, in item order.</param>
    /// <param name="completed">Called on a worker thread (any order) when an item is done, with the count done so far.</param>
    /// <typeparam name="T">The outcome of one item.</typeparam>
    public static void Run<T>(int count, int workers, Func<int, T> work, Action<int, T> emit, Action<int>? completed = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        var done = new TaskCompletionSource<T>[count];
        for (var i = 0; i < count; i++)
        {
            done[i] = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        using var room = new SemaphoreSlim(Math.Max(workers, workers * LookAheadPerWorker));
        using var stop = new CancellationTokenSource();
        var next = -1;
        var finished = 0;
        var threads = new Thread[Math.Min(workers, Math.Max(count, 1))];
        for (var t = 0; t < threads.Length; t++)
        {
            threads[t] = new Thread(() =>
            {
                while (true)
                {
                    try
                    {
                        room.Wait(stop.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }

                    var i = Interlocked.Increment(ref next);
                    if (i >= count || stop.IsCancellationRequested)
                    {
                        return;
                    }

                    try
                    {
                        done[i].SetResult(work(i));
                    }
                    catch (Exception e)
                    {
                        done[i].SetException(e);
                    }

                    completed?.Invoke(Interlocked.Increment(ref finished));
                }
            })
            { IsBackground = true, Name = $"classify-{t}" };
            threads[t].Start();
        }

        try
        {
            for (var i = 0; i < count; i++)
            {
                var outcome = done[i].Task.GetAwaiter().GetResult();
                done[i] = null!;
                emit(i, outcome);
                room.Release();
            }
        }
        finally
        {
            // The threads use the semaphore and the token: they must be gone before those are disposed. Each is at most
            // one item away from seeing that there is no more work, or the cancellation.
            stop.Cancel();
            foreach (var thread in threads)
            {
                thread.Join();
            }
        }
    }
}
