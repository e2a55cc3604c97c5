using Microsoft.Data.Sqlite;

namespace GenreStream.Host.Library;

/// <summary>
/// Results of earlier runs (<c>classify --resume</c>), in a SQLite file: one row per file's full path and model
/// identity, holding the file's size and modification time when it was classified. A file whose size or time has
/// changed since, or a different model or settings, is classified again. Only classified files are kept: a file that
/// could not be read is tried again next time (it fails fast, and it may have been fixed). Thread-safe; each result
/// is committed when it is added, so a run that is killed keeps everything it finished.
/// </summary>
internal sealed class ResultStore : IDisposable
{
    /// <summary>The file name <c>--resume</c> uses in the folder classified (hidden, so the scan skips it).</summary>
    public const string DefaultFileName = ".genre-results.sqlite";

    private readonly Lock _gate = new();
    private readonly SqliteConnection _connection;
    private readonly string _model;

    private ResultStore(SqliteConnection connection, string model)
    {
        _connection = connection;
        _model = model;
    }

    /// <summary>The results file's path.</summary>
    public required string Path { get; init; }

    /// <summary>Opens (or creates) the results file at <paramref name="path"/> for results of <paramref name="modelIdentity"/>.</summary>
    /// <exception cref="ResultStoreException">The file cannot be opened or is not a results file.</exception>
    public static ResultStore Open(string path, string modelIdentity)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString());
        try
        {
            connection.Open();
            Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;");
            Execute(connection, "CREATE TABLE IF NOT EXISTS results (path TEXT NOT NULL, model TEXT NOT NULL, size INTEGER NOT NULL, mtime INTEGER NOT NULL, outcome BLOB NOT NULL, PRIMARY KEY (path, model)) WITHOUT ROWID;");
            return new ResultStore(connection, modelIdentity) { Path = path };
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new ResultStoreException($"{path}: cannot be used as a results file ({e.Message.ReplaceLineEndings(" ")})", e);
        }
    }

    /// <summary>The stored outcome of <paramref name="file"/>, when it has not changed since; null otherwise.</summary>
    public ClipOutcome? Find(string file)
    {
        if (Stamp(file) is not { } stamp)
        {
            return null;
        }

        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT size, mtime, outcome FROM results WHERE path = $path AND model = $model";
            command.Parameters.AddWithValue("$path", stamp.FullPath);
            command.Parameters.AddWithValue("$model", _model);
            using var reader = command.ExecuteReader();
            if (!reader.Read() || reader.GetInt64(0) != stamp.Size || reader.GetInt64(1) != stamp.ModifiedTicks)
            {
                return null;
            }

            try
            {
                return ClipOutcomeJson.Deserialize((byte[])reader.GetValue(2));
            }
            catch (System.Text.Json.JsonException)
            {
                return null;
            }
        }
    }

    /// <summary>Keeps <paramref name="outcome"/> of <paramref name="file"/> (only a classified file is kept).</summary>
    public void Add(string file, ClipOutcome outcome)
    {
        if (!outcome.Succeeded || Stamp(file) is not { } stamp)
        {
            return;
        }

        var bytes = ClipOutcomeJson.Serialize(outcome);
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "INSERT OR REPLACE INTO results (path, model, size, mtime, outcome) VALUES ($path, $model, $size, $mtime, $outcome)";
            command.Parameters.AddWithValue("$path", stamp.FullPath);
            command.Parameters.AddWithValue("$model", _model);
            command.Parameters.AddWithValue("$size", stamp.Size);
            command.Parameters.AddWithValue("$mtime", stamp.ModifiedTicks);
            command.Parameters.AddWithValue("$outcome", bytes);
            command.ExecuteNonQuery();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _connection.Dispose();
        }
    }

    private static FileStamp? Stamp(string file)
    {
        try
        {
            var info = new FileInfo(file);
            return info.Exists ? new FileStamp(info.FullName, info.Length, info.LastWriteTimeUtc.Ticks) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private readonly record struct FileStamp(string FullPath, long Size, long ModifiedTicks);
}
