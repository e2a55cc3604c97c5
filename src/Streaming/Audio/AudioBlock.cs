namespace GenreStream.Streaming.Audio;

/// <summary>
/// A block of interleaved float samples (nominal range -1..1) flowing through the pipeline.
/// </summary>
/// <remarks>
/// Ownership: <see cref="Samples"/> is lent by the producer and valid only during the
/// <c>OnNext</c> call that delivers it; the producer reuses the buffer for the next block.
/// A subscriber that keeps samples must copy them.
/// </remarks>
/// <param name="Samples">Interleaved samples; the length is a whole number of sample frames.</param>
/// <param name="Format">Sample rate and channel count of <paramref name="Samples"/>.</param>
/// <param name="StartFrame">Index of the first sample frame of this block since the stream began.</param>
public readonly record struct AudioBlock(ReadOnlyMemory<float> Samples, AudioFormat Format, long StartFrame)
{
    /// <summary>Number of sample frames (samples per channel) in the block.</summary>
    public int FrameCount => Samples.Length / Format.Channels;

    /// <summary>Start of the block in seconds since the stream began.</summary>
    public double StartSeconds => (double)StartFrame / Format.SampleRate;
}
