using System.Diagnostics;
using GenreStream.Streaming.Sources;
using GenreStream.TestSupport;

namespace GenreStream.Streaming.Tests.Sources;

public sealed class NamedPipeOpeningTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Fifo()
    {
        var path = _temp.File("fifo");
        using var make = Process.Start("mkfifo", [path]);
        make.WaitForExit();
        Assert.Equal(0, make.ExitCode);
        return path;
    }

    [SkippableFact]
    public void Disposing_releases_an_open_waiting_for_a_writer()
    {
        Requires.Available(OperatingSystem.IsLinux() ? null : "named pipes as Linux has them");
        var fifo = Fifo();
        var opening = new NamedPipeOpening();
        using var entered = new ManualResetEventSlim();
        var open = Task.Factory.StartNew(
            () => opening.Open(fifo, path =>
            {
                entered.Set();
                return AudioFileReader.Open(path); // waits in the kernel: nobody writes
            }),
            TaskCreationOptions.LongRunning);
        Assert.True(entered.Wait(TimeSpan.FromSeconds(30)));

        opening.Dispose();

        // The open returned: the reader saw an empty pipe.
        var error = Assert.Throws<AggregateException>(() => open.Wait(TimeSpan.FromSeconds(30)));
        Assert.Contains("empty", Assert.IsType<AudioFormatException>(error.InnerException).Message, StringComparison.Ordinal);
        Assert.Throws<ObjectDisposedException>(() => opening.Open(fifo, AudioFileReader.Open));
    }

    [Fact]
    public void A_regular_file_is_opened_as_usual_and_disposing_afterwards_changes_nothing()
    {
        var wav = _temp.Write("a.wav", new WavFileBuilder { SampleRate = 22050 }.Build(Signals.MusicLike(22050, 1, 1)));
        var before = File.GetLastWriteTimeUtc(wav);
        var opening = new NamedPipeOpening();
        using (var reader = opening.Open(wav, AudioFileReader.Open))
        {
            Assert.Equal(22050, reader.Format.SampleRate);
        }

        opening.Dispose();
        Assert.Equal(before, File.GetLastWriteTimeUtc(wav));
    }
}
