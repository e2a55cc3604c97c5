using System.Text.Json.Serialization;

namespace GenreStream.Host.Cluster;

/// <summary>One file to classify, as a job message.</summary>
/// <param name="Id">Unique per file and submission (<see cref="ClusterNames.JobId"/>).</param>
/// <param name="Submission">The submission it belongs to: its results go to that submission's subject.</param>
/// <param name="Index">Its place in the submission's output.</param>
/// <param name="Path">The file, as the workers see it (shared storage).</param>
/// <param name="Timeline">Whether the result carries every step.</param>
/// <param name="Model">The submitter's model identity: a worker with another model or settings refuses the job rather than answer differently.</param>
internal sealed record ClusterJob(string Id, string Submission, int Index, string Path, bool Timeline, string Model);

/// <summary>A dead letter: a job that could not be done, with why.</summary>
/// <param name="Job">The job's id.</param>
/// <param name="Path">Its file.</param>
/// <param name="Error">What went wrong (the reader's one-line message, or the worker deaths).</param>
/// <param name="Attempts">Deliveries of the job so far.</param>
/// <param name="Worker">The worker that gave up on it.</param>
internal sealed record DeadLetter(string Job, string Path, string Error, int Attempts, string Worker);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ClusterJob))]
[JsonSerializable(typeof(DeadLetter))]
internal sealed partial class ClusterJsonContext : JsonSerializerContext;
