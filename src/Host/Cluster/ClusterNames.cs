namespace GenreStream.Host.Cluster;

/// <summary>
/// The JetStream streams, subjects and consumer the cluster uses; a submission's id is part of its subjects, so
/// a submitter reads only its own results.
/// </summary>
internal static class ClusterNames
{
    /// <summary>Work-queue stream of jobs: a job leaves it when a worker acknowledges it.</summary>
    public const string JobStream = "GENRE_JOBS";

    /// <summary>Results, one per job (duplicates removed by job id), kept so a submitter that comes back gets them.</summary>
    public const string ResultStream = "GENRE_RESULTS";

    /// <summary>Dead letters: jobs that failed (a damaged file) or whose workers died too often, with the error.</summary>
    public const string DeadLetterStream = "GENRE_DEAD";

    /// <summary>The durable pull consumer that every worker shares.</summary>
    public const string WorkerConsumer = "genre-workers";

    public const string JobSubjects = "genre.jobs.>";
    public const string ResultSubjects = "genre.results.>";
    public const string DeadLetterSubjects = "genre.dead.>";

    /// <summary>Header naming the job a result belongs to.</summary>
    public const string JobHeader = "Genre-Job";

    /// <summary>Header with the job's index in its submission.</summary>
    public const string IndexHeader = "Genre-Index";

    /// <summary>Header naming the worker that produced a result.</summary>
    public const string WorkerHeader = "Genre-Worker";

    public static string Jobs(string submission) => $"genre.jobs.{submission}";

    public static string Results(string submission) => $"genre.results.{submission}";

    public static string DeadLetters(string submission) => $"genre.dead.{submission}";

    /// <summary>A job's id: unique per file and submission; results and dead letters are de-duplicated by it.</summary>
    public static string JobId(string submission, int index) => $"{submission}.{index}";
}
