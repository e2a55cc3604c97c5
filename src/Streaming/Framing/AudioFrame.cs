namespace GenreStream.Streaming.Framing;

/// <summary>One analysis frame of mono samples at the feature sample rate.</summary>
/// <remarks>Ownership: <see cref="Samples"/> is lent, valid only during the <c>OnNext</c> call.</remarks>
/// <param name="Index">Frame number since the stream began (frame i starts at sample i × hop).</param>
/// <param name="StartSeconds">Start of the frame in seconds of audio since the stream began.</param>
/// <param name="Samples">Exactly frame-size samples (zero-padded only for a stream shorter than one frame).</param>
public readonly record struct AudioFrame(long Index, double StartSeconds, ReadOnlyMemory<float> Samples);
