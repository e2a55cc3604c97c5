namespace GenreStream.Host.Training;

/// <summary>How training windows are weighted in the loss.</summary>
/// <param name="MaxClipWindows">A clip with more windows than this weighs as this many (null: no cap).</param>
/// <param name="BalanceClasses">Give every label the same total weight.</param>
internal sealed record RowWeighting(int? MaxClipWindows, bool BalanceClasses)
{
    public static readonly RowWeighting None = new(null, false);

    public bool IsNone => MaxClipWindows is null && !BalanceClasses;
}
