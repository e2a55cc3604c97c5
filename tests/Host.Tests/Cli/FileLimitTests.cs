using GenreStream.TestSupport;

namespace GenreStream.Host.Tests.Cli;

/// <summary>
/// Every file a user names that the program reads whole has a size limit (model 64 MB, data list 64 MB, feature
/// spec 1 MB; settings 1 MB in SettingsCheckTests): past it, one line and exit code 1, after reading at most the
/// limit (a padded file is refused by its size at once), never gigabytes and an out-of-memory stack trace.
/// </summary>
public sealed class FileLimitTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Clip() => _temp.Write("clip.wav", new WavFileBuilder { SampleRate = 22050 }.Build(Signals.MusicLike(22050, 4, seed: 1)));

    [Fact]
    public void A_model_read_from_dev_zero_is_one_line_and_exit_1()
    {
        var (code, output, error) = GenreProcessTests.RunGenre("classify", "-m", "/dev/zero", Clip());
        Assert.Equal(1, code);
        Assert.Empty(output);
        Assert.Equal(["genre: cannot read model file /dev/zero: larger than 64 MB, the most a model file may be"], error);
    }

    [Fact]
    public void A_valid_model_padded_to_a_gigabyte_is_refused_by_its_size()
    {
        var model = _temp.File("padded.json");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "config", "genre-model.json"), model);
        using (var file = new FileStream(model, FileMode.Open, FileAccess.Write))
        {
            file.SetLength(1L << 30);   // sparse: no gigabyte is written
        }

        var (code, output, error) = GenreProcessTests.RunGenre("classify", "--model", model, Clip());
        Assert.Equal(1, code);
        Assert.Empty(output);
        Assert.Equal([$"genre: cannot read model file {model}: larger than 64 MB, the most a model file may be"], error);
    }

    [Fact]
    public void A_data_list_or_feature_spec_read_from_dev_zero_is_one_line_and_exit_1()
    {
        var data = _temp.File("data");
        Directory.CreateDirectory(Path.Combine(data, "rock"));
        File.Copy(Clip(), Path.Combine(data, "rock", "a.wav"));

        var list = GenreProcessTests.RunGenre("train", "--data", "/dev/zero", "--cv");
        Assert.Equal(1, list.ExitCode);
        Assert.Equal(["genre: /dev/zero: larger than 64 MB, the most a data list may be"], list.Error);

        var spec = GenreProcessTests.RunGenre("train", "--data", data, "--features", "/dev/zero", "--cv");
        Assert.Equal(1, spec.ExitCode);
        Assert.Equal(["genre: /dev/zero: larger than 1 MB, the most a feature spec file may be"], spec.Error);
    }
}
