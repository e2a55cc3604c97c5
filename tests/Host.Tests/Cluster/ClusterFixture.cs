using System.Collections.Concurrent;
using System.Diagnostics;
using GenreStream.Host.Tests.Library;
using GenreStream.TestSupport;
using NATS.Client.Core;
using NATS.Client.JetStream;

namespace GenreStream.Host.Tests.Cluster;

/// <summary>A private nats-server with JetStream, the real <c>genre worker</c> processes on it, and a look into its streams.</summary>
internal sealed class ClusterFixture : IDisposable
{
    private readonly List<Worker> _workers = [];
    private readonly List<Process> _others = [];

    public ClusterFixture()
    {
        Server = new NatsServer();
        Requires.Available(Server.WhyUnavailable);
    }

    public NatsServer Server { get; }

    public IReadOnlyList<Worker> Workers => _workers;

    /// <summary>Starts a worker (one job at a time, 5 s ack wait) and waits until it takes jobs.</summary>
    public Worker StartWorker()
    {
        var log = new ConcurrentQueue<string>();
        var process = LibraryRuns.Start(["worker", "--nats", Server.Url, "--concurrency", "1", "--ack-wait", "5"], new ConcurrentQueue<string>(), log);
        var worker = new Worker(process, log);
        _workers.Add(worker);
        Assert.True(SpinWait.SpinUntil(() => log.Any(l => l.Contains("taking jobs", StringComparison.Ordinal)) || process.HasExited, TimeSpan.FromMinutes(1)), "a worker did not start within a minute");
        Assert.False(process.HasExited, "a worker ended at start: " + string.Join('\n', log));
        return worker;
    }

    /// <summary>Messages stored in <paramref name="stream"/> now.</summary>
    public long Messages(string stream) => Run(async js => (long)(await js.GetStreamAsync(stream)).Info.State.Messages);

    /// <summary>Every message of <paramref name="stream"/>, as text.</summary>
    public string[] Read(string stream) => Run(async js =>
    {
        var count = (int)(await js.GetStreamAsync(stream)).Info.State.Messages;
        var consumer = await js.CreateOrderedConsumerAsync(stream);
        var texts = new List<string>();
        await foreach (var message in consumer.FetchAsync<string>(new NatsJSFetchOpts { MaxMsgs = Math.Max(count, 1), Expires = TimeSpan.FromSeconds(5) }))
        {
            texts.Add(message.Data ?? string.Empty);
        }

        return texts.ToArray();
    });

    /// <summary>Ends <paramref name="process"/> with the cluster, if it is still running then.</summary>
    public void Own(Process process) => _others.Add(process);

    public void Dispose()
    {
        foreach (var worker in _workers)
        {
            worker.Stop();
        }

        foreach (var process in _others)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(TimeSpan.FromSeconds(10));
            }

            process.Dispose();
        }

        Server.Dispose();
    }

    private T Run<T>(Func<NatsJSContext, Task<T>> query)
    {
        return Task.Run(async () =>
        {
            await using var connection = new NatsConnection(new NatsOpts { Url = Server.Url });
            return await query(new NatsJSContext(connection));
        }).GetAwaiter().GetResult();
    }

    /// <summary>A worker process and what it logged.</summary>
    internal sealed record Worker(Process Process, ConcurrentQueue<string> Log)
    {
        /// <summary>The jobs it finished (one log line each).</summary>
        public int JobsDone => Log.Count(l => l.StartsWith("genre worker: /", StringComparison.Ordinal));

        public void Stop()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
                Process.WaitForExit(TimeSpan.FromSeconds(10));
            }

            Process.Dispose();
        }
    }
}
