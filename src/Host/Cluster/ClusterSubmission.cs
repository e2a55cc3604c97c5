using System.Globalization;
using System.Text.Json;
using GenreStream.Host.Library;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace GenreStream.Host.Cluster;

/// <summary>
/// <c>classify --nats</c>: sends one job per file to the job stream and hands back the results in the order of the
/// files, as a local run does. Results are read from the result stream from its start with an ordered consumer, so a
/// submitter whose connection (or server) went away and came back still gets every result; a second result of the
/// same job (a worker that died after publishing, before acknowledging) is dropped by the stream's de-duplication and,
/// should one get through, here.
/// </summary>
/// <param name="address">The NATS server.</param>
/// <param name="paths">The files, as the workers will open them.</param>
/// <param name="timeline">Whether results carry every step.</param>
/// <param name="modelIdentity">The model and settings results must come from (<see cref="ModelIdentity"/>).</param>
/// <param name="log">Where to say what it is waiting for.</param>
internal sealed class ClusterSubmission(NatsAddress address, IReadOnlyList<string> paths, bool timeline, string modelIdentity, TextWriter log)
{
    /// <summary>How long a request to the server (a publish, an acknowledgement) is waited for before it is tried again.</summary>
    internal static readonly TimeSpan ServerTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Time without any result after which the jobs still unanswered are sent again.</summary>
    private static readonly TimeSpan StallTime = TimeSpan.FromSeconds(30);

    private readonly bool[] _answered = new bool[paths.Count];
    private int _received;

    /// <summary>The submission's id: part of every job id and of its subjects.</summary>
    public string Id { get; } = Guid.NewGuid().ToString("N")[..16];

    /// <summary>Submits the jobs and calls <paramref name="emit"/> with each outcome in file order, on one thread at a time.</summary>
    /// <exception cref="ClusterException">The server cannot be reached or has no JetStream.</exception>
    public async Task RunAsync(Action<int, ClipOutcome> emit, Action<int>? completed, CancellationToken cancel)
    {
        await using var connection = await ClusterSetup.ConnectAsync(address, "genre classify", cancel).ConfigureAwait(false);
        var js = new NatsJSContext(connection);
        await ClusterSetup.EnsureStreamsAsync(js, cancel).ConfigureAwait(false);

        var results = Task.Run(() => ReadResultsAsync(js, emit, completed, cancel), cancel);
        await PublishJobsAsync(js, results, cancel).ConfigureAwait(false);

        // No result for a while: jobs a crashed server had not yet written to disk are sent again. A job the server
        // still has is dropped as a duplicate (same message id), and a second result of one is dropped too.
        while (!results.IsCompleted)
        {
            var before = Volatile.Read(ref _received);
            if (await Task.WhenAny(results, Task.Delay(StallTime, cancel)).ConfigureAwait(false) != results && Volatile.Read(ref _received) == before)
            {
                await PublishJobsAsync(js, results, cancel).ConfigureAwait(false);
            }
        }

        await results.ConfigureAwait(false);
    }

    private async Task PublishJobsAsync(NatsJSContext js, Task results, CancellationToken cancel)
    {
        for (var i = 0; i < paths.Count && !results.IsCompleted; i++)
        {
            if (Volatile.Read(ref _answered[i]))
            {
                continue;
            }

            var id = ClusterNames.JobId(Id, i);
            var job = JsonSerializer.SerializeToUtf8Bytes(new ClusterJob(id, Id, i, paths[i], timeline, modelIdentity), ClusterJsonContext.Default.ClusterJob);
            await PublishStoredAsync(js, ClusterNames.Jobs(Id), job, id, headers: null, log, cancel).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Publishes until the server says it stored the message (a server that is restarting is waited for); the message
    /// id makes a second copy of a message whose acknowledgement was lost a duplicate the stream drops.
    /// </summary>
    internal static async Task PublishStoredAsync(INatsJSContext js, string subject, byte[] data, string messageId, NatsHeaders? headers, TextWriter? log, CancellationToken cancel)
    {
        var wait = TimeSpan.FromMilliseconds(200);
        var said = false;
        while (true)
        {
            try
            {
                // A publish across a server restart can wait for an acknowledgement that never comes: bounded, then again.
                var ack = await js.PublishAsync(subject, data, opts: new NatsJSPubOpts { MsgId = messageId }, headers: headers, cancellationToken: cancel)
                    .AsTask().WaitAsync(ServerTimeout, cancel).ConfigureAwait(false);
                // A duplicate is a message the server already has (a resend after a crash, or an acknowledgement that was
                // lost): stored, as wanted. Sending it again would be refused again, for as long as the dedupe window lasts.
                if (!ack.Duplicate)
                {
                    ack.EnsureSuccess();
                }

                return;
            }
            catch (Exception e) when (e is NatsException or TimeoutException && !cancel.IsCancellationRequested)
            {
                if (!said && log is not null)
                {
                    said = true;
                    await log.WriteLineAsync($"genre: the NATS server does not store messages now ({e.Message.ReplaceLineEndings(" ")}); trying again").ConfigureAwait(false);
                }

                await Task.Delay(wait, cancel).ConfigureAwait(false);
                wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, TimeSpan.FromSeconds(2).Ticks));
            }
        }
    }

    /// <summary>
    /// Reads the submission's results in rounds: each round an ordered consumer from the stream sequence after the last
    /// result seen, fetching for a few seconds. A round that fails (the server went away) or a consumer the server lost
    /// (it restarted) costs one round; nothing is read twice and nothing is missed, since results stay in the stream.
    /// </summary>
    private async Task ReadResultsAsync(NatsJSContext js, Action<int, ClipOutcome> emit, Action<int>? completed, CancellationToken cancel)
    {
        var outcomes = new ClipOutcome?[paths.Count];
        var next = 0;
        var received = 0;
        ulong lastSequence = 0;
        var said = false;
        while (next < paths.Count)
        {
            try
            {
                var options = lastSequence == 0
                    ? new NatsJSOrderedConsumerOpts { FilterSubjects = [ClusterNames.Results(Id)] }
                    : new NatsJSOrderedConsumerOpts { FilterSubjects = [ClusterNames.Results(Id)], DeliverPolicy = ConsumerConfigDeliverPolicy.ByStartSequence, OptStartSeq = lastSequence + 1 };
                var consumer = await js.CreateOrderedConsumerAsync(ClusterNames.ResultStream, options, cancel).ConfigureAwait(false);
                var fetch = new NatsJSFetchOpts { MaxMsgs = Math.Min(paths.Count - next, 10_000), Expires = TimeSpan.FromSeconds(5) };
                await foreach (var message in consumer.FetchAsync<byte[]>(fetch, cancellationToken: cancel).ConfigureAwait(false))
                {
                    lastSequence = Math.Max(lastSequence, message.Metadata?.Sequence.Stream ?? lastSequence);
                    if (!TryIndex(message.Headers, out var index) || index < next || index >= paths.Count || outcomes[index] is not null || message.Data is null)
                    {
                        continue;
                    }

                    ClipOutcome outcome;
                    try
                    {
                        outcome = ClipOutcomeJson.Deserialize(message.Data);
                    }
                    catch (JsonException e)
                    {
                        outcome = ClipOutcome.Failed($"{paths[index]}: the worker's result could not be read ({e.Message})");
                    }

                    outcomes[index] = outcome;
                    Volatile.Write(ref _answered[index], true);
                    Interlocked.Increment(ref _received);
                    completed?.Invoke(++received);
                    while (next < paths.Count && outcomes[next] is { } ready)
                    {
                        emit(next, ready);
                        outcomes[next] = null; // printed: a duplicate of it is below next
                        next++;
                    }

                    if (next == paths.Count)
                    {
                        return;
                    }
                }
            }
            catch (Exception e) when (e is NatsException or TimeoutException && !cancel.IsCancellationRequested)
            {
                // The server went away or restarts: the next round reads again from the start, since a server that
                // crashed may have lost its last results and numbers new ones from there (results already had are skipped).
                lastSequence = 0;
                if (!said)
                {
                    said = true;
                    await log.WriteLineAsync($"genre: waiting for the NATS server ({e.Message.ReplaceLineEndings(" ")})").ConfigureAwait(false);
                }

                await Task.Delay(TimeSpan.FromMilliseconds(500), cancel).ConfigureAwait(false);
            }
        }
    }

    private static bool TryIndex(NatsHeaders? headers, out int index)
    {
        index = -1;
        return headers is not null && headers.TryGetValue(ClusterNames.IndexHeader, out var value)
            && int.TryParse(value.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out index);
    }
}
