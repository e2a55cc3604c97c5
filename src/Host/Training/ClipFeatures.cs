namespace GenreStream.Host.Training;

/// <summary>The texture-window feature vectors of one clip, row-major.</summary>
/// <param name="Values">Rows × Columns values.</param>
/// <param name="Rows">Texture windows (classification steps).</param>
/// <param name="Columns">Features per window.</param>
/// <param name="Seconds">Length of the clip in seconds at the feature rate.</param>
internal sealed record ClipFeatures(float[] Values, int Rows, int Columns, float Seconds)
{
    public ReadOnlySpan<float> Row(int row) => Values.AsSpan(row * Columns, Columns);
}
