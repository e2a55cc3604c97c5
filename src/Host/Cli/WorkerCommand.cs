using System.CommandLine;
using GenreStream.Host.Cluster;

namespace GenreStream.Host.Cli;

/// <summary><c>genre worker</c>: classify files for <c>classify --nats</c> submitters, from a NATS JetStream work queue.</summary>
internal static class WorkerCommand
{
    public static Command Create(CliContext context)
    {
        var nats = new Option<string>("--nats") { Description = "The NATS server with JetStream (nats://host:port; started with -js).", HelpName = "url", Required = true };
        var concurrency = new Option<int?>("--concurrency", "-c") { Description = $"Jobs classified at once (default: the number of processors, {Environment.ProcessorCount} here).", HelpName = "n" };
        concurrency.Check(n => n is >= 1 and <= 1024, "--concurrency must be from 1 to 1024");
        var ackWait = new Option<double?>("--ack-wait") { Description = "Seconds a job may go without a sign of life from its worker before it is given to another (a working worker sends one every half of it; default 30).", HelpName = "seconds" };
        ackWait.Check(s => s is >= 1 and <= 3600, "--ack-wait must be from 1 to 3600 seconds");
        var attempts = new Option<int?>("--max-attempts") { Description = "Deliveries of a job whose workers died before it is given up and sent to the dead letters (default 3). A file that cannot be read is not retried: it is a failed result and a dead letter at once.", HelpName = "n" };
        attempts.Check(n => n is >= 1 and <= 100, "--max-attempts must be from 1 to 100");
        var common = new CommonOptions();
        var command = new Command(
            "worker",
            "Classify files for 'genre classify --nats' submitters: pull jobs from the NATS JetStream work queue (stream GENRE_JOBS), publish one result per job (GENRE_RESULTS), failed jobs also to the dead letters (GENRE_DEAD). Runs until Ctrl+C or SIGTERM. The files must be readable here at the paths the submitter gives (shared storage).")
        {
            nats, concurrency, ackWait, attempts,
        };
        common.AddTo(command);
        command.SetAction(async (parse, cancel) =>
        {
            NatsAddress address;
            try
            {
                address = NatsAddress.Parse(parse.GetValue(nats)!);
            }
            catch (ClusterException e)
            {
                context.Error.WriteLine($"genre worker: {e.Message}");
                return ExitCodes.Usage;
            }

            var setup = common.Resolve(parse, context);
            if (setup is null)
            {
                return ExitCodes.SetupFailed;
            }

            var settings = new ClusterWorker.Settings(
                address,
                parse.GetValue(concurrency) ?? Environment.ProcessorCount,
                TimeSpan.FromSeconds(parse.GetValue(ackWait) ?? 30),
                parse.GetValue(attempts) ?? 3);
            var worker = new ClusterWorker(settings, setup.Model, setup.Tracking, context.Error);
            try
            {
                await worker.RunAsync(cancel).ConfigureAwait(false);
            }
            catch (ClusterException e)
            {
                context.Error.WriteLine($"genre worker: {e.Message}");
                return ExitCodes.SetupFailed;
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
            }

            context.Error.WriteLine($"genre worker: stopped after {worker.Done} job{(worker.Done == 1 ? string.Empty : "s")}");
            return cancel.IsCancellationRequested ? ExitCodes.Cancelled : ExitCodes.Success;
        });
        return command;
    }
}
