namespace GenreStream.Model.Features;

/// <summary>
/// The smallest power (linear, squared full scale) a feature takes the logarithm of: the log-mel bands,
/// spectral flatness, the RMS level and the modulation energies all floor or offset their power by it, so
/// digital silence gives finite numbers rather than −∞.
/// </summary>
public static class PowerFloor
{
    /// <summary>The floor in double precision.</summary>
    public const double Value = 1e-10;

    /// <summary>The floor in single precision (the nearest float, bit for bit the literal <c>1e-10f</c>).</summary>
    public const float SingleValue = (float)Value;
}
