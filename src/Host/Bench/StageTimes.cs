namespace GenreStream.Host.Bench;

/// <summary>Nanoseconds of one thread's time per texture window (one classification step) spent in each stage.</summary>
/// <param name="FramingFft">Cutting blocks into frames, the Hann window and the 2048-point real FFT (power and magnitude spectra).</param>
/// <param name="Features">Mel filter banks, log, DCT (MFCCs), spectral shape, flux, zero crossings, level, chroma.</param>
/// <param name="Texture">Adding frame vectors to the texture ring and summarising a window (means, deviations, deltas, rhythm, modulation).</param>
/// <param name="Model">Standardisation, logits, log-softmax, probabilities and smoothing.</param>
internal readonly record struct StageTimes(double FramingFft, double Features, double Texture, double Model)
{
    /// <summary>All four stages.</summary>
    public double Total => FramingFft + Features + Texture + Model;
}
