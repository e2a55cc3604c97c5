namespace GenreStream.Host.Library;

/// <summary>The results file of <c>--resume</c> cannot be opened or read; the message names it.</summary>
internal sealed class ResultStoreException(string message, Exception inner) : Exception(message, inner);
