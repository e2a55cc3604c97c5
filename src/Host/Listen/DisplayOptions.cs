namespace GenreStream.Host.Listen;

/// <summary>How the live terminal view looks.</summary>
/// <param name="SortedBars">Bars sorted by smoothed probability (true) or in the model's fixed genre order.</param>
/// <param name="MaxFramesPerSecond">Redraws per second at most.</param>
internal sealed record DisplayOptions(bool SortedBars = true, double MaxFramesPerSecond = 10);
