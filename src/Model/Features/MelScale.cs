namespace GenreStream.Model.Features;

/// <summary>
/// The Slaney mel scale (Auditory Toolbox; librosa's default): linear below 1 kHz, logarithmic above.
/// </summary>
public static class MelScale
{
    private const double LinearSlope = 200.0 / 3;      // Hz per mel below the break
    private const double BreakHz = 1000.0;
    private const double BreakMel = BreakHz / LinearSlope; // 15 mel
    private static readonly double LogStep = Math.Log(6.4) / 27.0;

    public static double HzToMel(double hz) =>
        hz < BreakHz ? hz / LinearSlope : BreakMel + (Math.Log(hz / BreakHz) / LogStep);

    public static double MelToHz(double mel) =>
        mel < BreakMel ? mel * LinearSlope : BreakHz * Math.Exp(LogStep * (mel - BreakMel));
}
