using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace GenreStream.Host.Cluster;

/// <summary>Creates the cluster's streams and the workers' consumer when they are missing (both sides call it; it is idempotent).</summary>
internal static class ClusterSetup
{
    /// <summary>How long a result is kept for a submitter that comes back.</summary>
    public static readonly TimeSpan ResultsKept = TimeSpan.FromDays(7);

    /// <summary>How long a job id is remembered to drop a second result or dead letter of the same job.</summary>
    public static readonly TimeSpan DuplicateWindow = TimeSpan.FromHours(1);

    /// <summary>Connects to <paramref name="address"/>, retrying for ever after a connection is lost.</summary>
    /// <exception cref="ClusterException">The server cannot be reached.</exception>
    public static async Task<NatsConnection> ConnectAsync(NatsAddress address, string name, CancellationToken cancel)
    {
        var connection = new NatsConnection(new NatsOpts
        {
            Url = address.Url,
            Name = name,
            MaxReconnectRetry = -1,
            ReconnectWaitMin = TimeSpan.FromMilliseconds(200),
            ReconnectWaitMax = TimeSpan.FromSeconds(2),
            ConnectTimeout = TimeSpan.FromSeconds(5),
        });
        try
        {
            await connection.ConnectAsync().AsTask().WaitAsync(cancel).ConfigureAwait(false);
            return connection;
        }
        catch (NatsException e)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new ClusterException($"cannot reach the NATS server at {address} ({e.Message.ReplaceLineEndings(" ")})", e);
        }
    }

    /// <summary>The job, result and dead-letter streams.</summary>
    public static async Task EnsureStreamsAsync(INatsJSContext js, CancellationToken cancel)
    {
        try
        {
            await js.CreateOrUpdateStreamAsync(
                new StreamConfig(ClusterNames.JobStream, [ClusterNames.JobSubjects])
                {
                    Retention = StreamConfigRetention.Workqueue,
                    Storage = StreamConfigStorage.File,
                    DuplicateWindow = DuplicateWindow,
                },
                cancel).ConfigureAwait(false);
            await js.CreateOrUpdateStreamAsync(
                new StreamConfig(ClusterNames.ResultStream, [ClusterNames.ResultSubjects])
                {
                    Storage = StreamConfigStorage.File,
                    MaxAge = ResultsKept,
                    DuplicateWindow = DuplicateWindow,
                },
                cancel).ConfigureAwait(false);
            await js.CreateOrUpdateStreamAsync(
                new StreamConfig(ClusterNames.DeadLetterStream, [ClusterNames.DeadLetterSubjects])
                {
                    Storage = StreamConfigStorage.File,
                    MaxAge = ResultsKept,
                    DuplicateWindow = DuplicateWindow,
                },
                cancel).ConfigureAwait(false);
        }
        catch (NatsJSApiException e) when (e.Error.Code == 503)
        {
            throw new ClusterException("the NATS server has no JetStream (start it with -js)", e);
        }
    }

    /// <summary>The workers' shared pull consumer: a job not acknowledged within <paramref name="ackWait"/> goes to another worker.</summary>
    /// <param name="js">The JetStream context.</param>
    /// <param name="ackWait">How long a job may go without a sign of life from its worker (a worker sends one every half of it).</param>
    /// <param name="maxDeliver">Deliveries at most; the last is the one on which a worker gives the job up.</param>
    /// <param name="cancel">Stops waiting.</param>
    public static async Task<INatsJSConsumer> EnsureWorkerConsumerAsync(INatsJSContext js, TimeSpan ackWait, int maxDeliver, CancellationToken cancel) =>
        await js.CreateOrUpdateConsumerAsync(
            ClusterNames.JobStream,
            new ConsumerConfig(ClusterNames.WorkerConsumer)
            {
                AckPolicy = ConsumerConfigAckPolicy.Explicit,
                AckWait = ackWait,
                MaxDeliver = maxDeliver,
                FilterSubject = ClusterNames.JobSubjects,
                MaxAckPending = 10_000,
            },
            cancel).ConfigureAwait(false);
}
