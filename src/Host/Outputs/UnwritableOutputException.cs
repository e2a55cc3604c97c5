namespace GenreStream.Host.Outputs;

/// <summary>
/// Thrown by <see cref="EventOutput.Send"/> when its target cannot be written at all (a full disk, a read-only
/// file, a closed descriptor): the output gives up for good rather than fail every event one by one.
/// </summary>
/// <param name="reason">Why, as the system put it.</param>
internal sealed class UnwritableOutputException(string reason) : Exception(reason);
