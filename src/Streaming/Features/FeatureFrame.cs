namespace GenreStream.Streaming.Features;

/// <summary>The feature vector of one analysis frame.</summary>
/// <remarks>Ownership: <see cref="Values"/> is lent, valid only during the <c>OnNext</c> call.</remarks>
/// <param name="Index">Frame number since the stream began.</param>
/// <param name="StartSeconds">Start of the frame in seconds of audio.</param>
/// <param name="Values">The per-frame features (layout: <see cref="Model.Features.FeatureSpec.FrameFeatureNames"/>).</param>
/// <param name="MeanPower">Mean of the squared samples of the frame (for levels).</param>
public readonly record struct FeatureFrame(long Index, double StartSeconds, ReadOnlyMemory<float> Values, float MeanPower);
