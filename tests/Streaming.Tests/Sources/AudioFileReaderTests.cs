using GenreStream.Streaming.Audio;
using GenreStream.Streaming.Sources;
using GenreStream.TestSupport;

namespace GenreStream.Streaming.Tests.Sources;

public class AudioFileReaderTests
{
    [Fact]
    public void Wav_and_au_are_read_directly_by_content_not_extension()
    {
        using var dir = new TempDirectory();
        var signal = Signals.Sine(440, 8000, 400);
        var wav = dir.Write("really-a-wav.au", new WavFileBuilder().Build(signal));
        var au = dir.Write("really-an-au.bin", new AuFileBuilder().Build(signal));

        using (var reader = AudioFileReader.Open(wav))
        {
            Assert.IsType<WavReader>(reader);
            Assert.Equal(400, reader.ReadAll().Length);
        }

        using (var reader = AudioFileReader.Open(au))
        {
            Assert.IsType<AuReader>(reader);
            Assert.Equal(400, reader.ReadAll().Length);
        }
    }

    [SkippableFact]
    [Trait("Category", "ffmpeg")]
    public void Other_content_goes_through_ffmpeg()
    {
        Requires.Available(Ffmpeg.IsAvailable ? null : "ffmpeg is not on PATH; install it (apt-get install ffmpeg)");
        using var dir = new TempDirectory();
        var wav = dir.Write("in.wav", new WavFileBuilder { SampleRate = 22050 }.Build(Signals.Sine(440, 22050, 22050)));
        var flac = dir.File("in.flac");
        Ffmpeg.Run("-i", wav, flac);

        using var reader = AudioFileReader.Open(flac);

        Assert.Equal(AudioFormat.Mono(22050), reader.Format);
        Assert.Equal(22050, reader.ReadAll().Length);
    }

    [Fact]
    public void Missing_empty_and_directory_paths_are_named()
    {
        using var dir = new TempDirectory();
        var missing = dir.File("nope.wav");
        var empty = dir.Write("empty.flac", []);

        Assert.Equal($"{missing}: file not found", Assert.Throws<AudioFormatException>(() => AudioFileReader.Open(missing)).Message);
        Assert.Equal($"{empty}: file is empty", Assert.Throws<AudioFormatException>(() => AudioFileReader.Open(empty)).Message);
        Assert.Equal($"{dir.Path}: is a directory, not an audio file", Assert.Throws<AudioFormatException>(() => AudioFileReader.Open(dir.Path)).Message);
    }

    [Fact]
    public void Malformed_wav_error_names_the_file()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("bad.wav", [.. "RIFF"u8, 0, 0, 0, 0, .. "WAVE"u8, .. "fmt "u8, 2, 0, 0, 0, 1, 0]);

        var e = Assert.Throws<AudioFormatException>(() => AudioFileReader.Open(path));

        Assert.Equal($"{path}: WAV 'fmt ' chunk is 2 bytes; at least 16 are needed", e.Message);
    }
}
