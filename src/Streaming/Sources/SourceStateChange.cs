namespace GenreStream.Streaming.Sources;

/// <summary>A live source's state: started, lost (the device or server went away), recovered, ended.</summary>
/// <param name="State">Started, lost, recovered or ended.</param>
/// <param name="Detail">One line for people: what happened.</param>
/// <param name="AudioSeconds">Audio delivered so far, in seconds.</param>
/// <param name="DroppedFrames">Sample frames dropped so far because the consumer fell behind.</param>
public readonly record struct SourceStateChange(SourceState State, string Detail, double AudioSeconds, long DroppedFrames);
