namespace GenreStream.Host.Training;

/// <summary>A data set (TSV or folder) that cannot be used; the message lists every problem found.</summary>
internal sealed class DataSetException(string message) : Exception(message);
