using GenreStream.Host.Training;
using GenreStream.Model.Features;
using GenreStream.TestSupport;

namespace GenreStream.Host.Tests.Training;

[Trait("Category", "ffmpeg")]
public sealed class FeatureExtractionTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [SkippableFact]
    public void Batched_ffmpeg_decoding_gives_each_file_its_own_features_and_a_bad_file_its_own_error()
    {
        Requires.Available(Ffmpeg.IsAvailable ? null : "ffmpeg is not on PATH (apt-get install ffmpeg)");
        var clips = new List<LabelledClip>();
        for (var i = 0; i < 5; i++)
        {
            var genre = SyntheticGenres.Labels[i % SyntheticGenres.Labels.Length];
            var wav = _temp.Write($"{i}.wav", new WavFileBuilder { SampleRate = 22050, Channels = 1 }.Build(SyntheticGenres.Clip(genre, i, 3)));
            var flac = _temp.File($"{i}.flac");
            Ffmpeg.Run("-i", wav, flac);
            clips.Add(new LabelledClip(flac, $"{i}.flac", genre, null, null));
        }

        AssertSameAsOneByOne(clips); // one batch that decodes

        var broken = _temp.Write("broken.flac", "not a flac file"u8.ToArray());
        clips.Insert(2, new LabelledClip(broken, "broken.flac", "low", null, null));
        var outcomes = AssertSameAsOneByOne(clips); // the batch fails and falls back to one file at a time

        Assert.Null(outcomes[0].Error);
        Assert.Contains(broken, outcomes[2].Error, StringComparison.Ordinal);
    }

    private static FeatureExtraction.Outcome[] AssertSameAsOneByOne(List<LabelledClip> clips)
    {
        var outcomes = FeatureExtraction.Run(clips, FeatureSpec.Default, null, NullProgress.Instance, CancellationToken.None);

        Assert.Equal(clips.Count, outcomes.Length);
        for (var i = 0; i < clips.Count; i++)
        {
            var alone = FeatureExtraction.ExtractOne(clips[i].Path, FeatureSpec.Default, null);
            Assert.Equal(alone.Error, outcomes[i].Error);
            Assert.Equal(alone.Features?.Values, outcomes[i].Features?.Values);
            Assert.Equal(alone.Features?.Seconds, outcomes[i].Features?.Seconds);
        }

        return outcomes;
    }
}
