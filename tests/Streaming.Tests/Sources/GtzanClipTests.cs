using GenreStream.Streaming.Audio;
using GenreStream.Streaming.Sources;
using GenreStream.TestSupport;

namespace GenreStream.Streaming.Tests.Sources;

[Trait("Category", "SharedData")]
public class GtzanClipTests
{
    [SkippableFact]
    public void A_real_gtzan_clip_decodes_to_30_seconds_of_22050_Hz_mono()
    {
        Requires.SharedData();
        Requires.Available(Ffmpeg.IsAvailable ? null : "ffmpeg is not on PATH; install it (apt-get install ffmpeg)");
        var path = Path.Combine(SharedData.Root!, "gtzan", "blues", "blues.00000.flac");
        Requires.Available(File.Exists(path) ? null : $"{path} not found in the shared data");

        using var reader = AudioFileReader.Open(path);
        var samples = reader.ReadAll(8192);

        Assert.Equal(AudioFormat.Mono(22050), reader.Format);
        Assert.InRange(samples.Length / 22050.0, 29.5, 30.7);
        Assert.InRange(SignalLevel.Rms(samples, 1), 0.01, 0.9);
    }
}
