using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using GenreStream.Host.Library;
using GenreStream.Model.Softmax;
using GenreStream.Streaming.Classification;
using GenreStream.Streaming.Sources;
using GenreStream.Streaming.Tracking;
using NATS.Client.Core;
using NATS.Client.JetStream;

namespace GenreStream.Host.Cluster;

/// <summary>
/// <c>genre worker</c>: pulls jobs from the shared consumer, classifies each file and publishes one result per job.
/// A job is acknowledged only after its result is stored; while a file is being classified the worker tells the
/// server it is still at it every half ack wait, so a long file is not handed to a second worker, and a worker that
/// dies (<c>kill -9</c>) has its job delivered to another after the ack wait. A file that cannot be read (damaged,
/// missing, too short) is an answer, not a crash: its failed result is published (the submitter prints it as a local
/// run does, exit code 3) and a dead letter with the error, at once, without retries. A job delivered for the last
/// time (its workers died on it every time before) is given up: failed result and dead letter.
/// </summary>
/// <param name="settings">The worker's settings.</param>
/// <param name="model">The model.</param>
/// <param name="tracking">The tracking settings (status and timeline).</param>
/// <param name="log">One line per job and per problem (standard error).</param>
internal sealed class ClusterWorker(ClusterWorker.Settings settings, SoftmaxModel model, TrackingOptions tracking, TextWriter log)
{
    private readonly string _name = $"{Environment.MachineName}:{Environment.ProcessId}";
    private readonly string _identity = ModelIdentity.Of(model, tracking, timeline: false);
    private readonly string _identityWithTimeline = ModelIdentity.Of(model, tracking, timeline: true);
    private int _done;

    /// <summary>Jobs finished so far.</summary>
    public int Done => Volatile.Read(ref _done);

    /// <summary>Runs until <paramref name="cancel"/> is set.</summary>
    /// <exception cref="ClusterException">The server cannot be reached at start or has no JetStream.</exception>
    public async Task RunAsync(CancellationToken cancel)
    {
        await using var connection = await ClusterSetup.ConnectAsync(settings.Address, $"genre worker {_name}", cancel).ConfigureAwait(false);
        var js = new NatsJSContext(connection);
        await ClusterSetup.EnsureStreamsAsync(js, cancel).ConfigureAwait(false);
        await ClusterSetup.EnsureWorkerConsumerAsync(js, settings.AckWait, settings.MaxAttempts + 1, cancel).ConfigureAwait(false);
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"genre worker: {_name} taking jobs from {settings.Address}, {settings.Concurrency} at once (ack wait {settings.AckWait.TotalSeconds:0.#} s, {settings.MaxAttempts} attempts)")).ConfigureAwait(false);
        await log.FlushAsync(cancel).ConfigureAwait(false);
        var loops = Enumerable.Range(0, settings.Concurrency).Select(_ => Task.Run(() => PullAsync(js, cancel), cancel));
        try
        {
            await Task.WhenAll(loops).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
        }
    }

    private async Task PullAsync(NatsJSContext js, CancellationToken cancel)
    {
        INatsJSConsumer? consumer = null;
        var said = false;
        while (!cancel.IsCancellationRequested)
        {
            try
            {
                consumer ??= await ClusterSetup.EnsureWorkerConsumerAsync(js, settings.AckWait, settings.MaxAttempts + 1, cancel).WaitAsync(ClusterSubmission.ServerTimeout, cancel).ConfigureAwait(false);
                // A pull that the server forgot (it restarted) would otherwise be waited on for ever.
                var message = await consumer.NextAsync<byte[]>(opts: new NatsJSNextOpts { Expires = TimeSpan.FromSeconds(5) }, cancellationToken: cancel)
                    .AsTask().WaitAsync(TimeSpan.FromSeconds(30), cancel).ConfigureAwait(false);
                said = false;
                if (message is { } job)
                {
                    await HandleAsync(js, job, cancel).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is NatsException or TimeoutException && !cancel.IsCancellationRequested)
            {
                // The server went away or restarts: the connection comes back by itself; unacknowledged jobs are redelivered.
                if (!said)
                {
                    said = true;
                    await log.WriteLineAsync($"genre worker: waiting for the NATS server ({e.Message.ReplaceLineEndings(" ")})").ConfigureAwait(false);
                }

                consumer = null;
                await Task.Delay(TimeSpan.FromMilliseconds(500), cancel).ConfigureAwait(false);
            }
        }
    }

    private async Task HandleAsync(NatsJSContext js, INatsJSMsg<byte[]> message, CancellationToken cancel)
    {
        ClusterJob? job = null;
        try
        {
            job = message.Data is { } data ? JsonSerializer.Deserialize(data, ClusterJsonContext.Default.ClusterJob) : null;
        }
        catch (JsonException)
        {
        }

        if (job is null)
        {
            await log.WriteLineAsync($"genre worker: dropped a message that is not a job (subject {message.Subject})").ConfigureAwait(false);
            await message.AckTerminateAsync(cancellationToken: cancel).ConfigureAwait(false);
            return;
        }

        var attempts = (int)(message.Metadata?.NumDelivered ?? 1);
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"genre worker: started {job.Path} (attempt {attempts})")).ConfigureAwait(false);
        var watch = Stopwatch.StartNew();
        ClipOutcome outcome;
        var dead = true;
        if (attempts > settings.MaxAttempts)
        {
            outcome = ClipOutcome.Failed($"{job.Path}: given up after {settings.MaxAttempts} attempts: the workers that took it stopped (killed or crashed) before answering");
        }
        else if (job.Model != (job.Timeline ? _identityWithTimeline : _identity))
        {
            outcome = ClipOutcome.Failed($"{job.Path}: worker {_name} has another model or settings than the submitter ({job.Model} there, {(job.Timeline ? _identityWithTimeline : _identity)} here)");
        }
        else
        {
            outcome = await ClassifyAsync(job, message, cancel).ConfigureAwait(false);
            dead = !outcome.Succeeded;
        }

        var headers = new NatsHeaders
        {
            [ClusterNames.JobHeader] = job.Id,
            [ClusterNames.IndexHeader] = job.Index.ToString(CultureInfo.InvariantCulture),
            [ClusterNames.WorkerHeader] = _name,
        };
        await ClusterSubmission.PublishStoredAsync(js, ClusterNames.Results(job.Submission), ClipOutcomeJson.Serialize(outcome), job.Id, headers, null, cancel).ConfigureAwait(false);
        if (dead)
        {
            var letter = JsonSerializer.SerializeToUtf8Bytes(new DeadLetter(job.Id, job.Path, outcome.Error ?? string.Empty, attempts, _name), ClusterJsonContext.Default.DeadLetter);
            await ClusterSubmission.PublishStoredAsync(js, ClusterNames.DeadLetters(job.Submission), letter, job.Id, headers, null, cancel).ConfigureAwait(false);
        }

        // Not acknowledged in time (the server restarts): the job comes back after the ack wait and its second result is a duplicate.
        await message.AckAsync(new AckOpts { DoubleAck = true }, cancel).AsTask().WaitAsync(ClusterSubmission.ServerTimeout, cancel).ConfigureAwait(false);
        Interlocked.Increment(ref _done);
        await log.FlushAsync(cancel).ConfigureAwait(false);
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"genre worker: {job.Path}: {(outcome.Result is { } r ? r.TopLabel : "failed: " + outcome.Error)} ({watch.Elapsed.TotalMilliseconds:0} ms, attempt {attempts})")).ConfigureAwait(false);
    }

    private async Task<ClipOutcome> ClassifyAsync(ClusterJob job, INatsJSMsg<byte[]> message, CancellationToken cancel)
    {
        using var working = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var heartbeat = Task.Run(
            async () =>
            {
                while (!working.IsCancellationRequested)
                {
                    await Task.Delay(settings.AckWait / 2, working.Token).ConfigureAwait(false);
                    await message.AckProgressAsync(cancellationToken: working.Token).AsTask().WaitAsync(ClusterSubmission.ServerTimeout, working.Token).ConfigureAwait(false);
                }
            },
            working.Token);
        try
        {
            return await Task.Run(
                () =>
                {
                    try
                    {
                        return ClipOutcome.Of(ClipClassifier.Classify(SampleReaderObservable.Read(() => AudioFileReader.Open(job.Path)), model, tracking, job.Timeline));
                    }
                    catch (Exception e) when (e is not OutOfMemoryException)
                    {
                        return ClipOutcome.Failed(e.Message);
                    }
                },
                cancel).ConfigureAwait(false);
        }
        finally
        {
            await working.CancelAsync().ConfigureAwait(false);
            try
            {
                await heartbeat.ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or NatsException or TimeoutException)
            {
            }
        }
    }

    /// <summary>How a worker runs.</summary>
    /// <param name="Address">The NATS server.</param>
    /// <param name="Concurrency">Jobs at once.</param>
    /// <param name="AckWait">How long a job may go without a sign of life before it goes to another worker.</param>
    /// <param name="MaxAttempts">Deliveries whose workers died before the job is given up (dead letter).</param>
    internal sealed record Settings(NatsAddress Address, int Concurrency, TimeSpan AckWait, int MaxAttempts);
}
