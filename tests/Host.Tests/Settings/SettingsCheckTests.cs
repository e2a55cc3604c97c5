using System.Globalization;
using System.Text.RegularExpressions;
using GenreStream.Host.Tests.Cli;
using GenreStream.Host.Tests.Serve;
using GenreStream.TestSupport;

namespace GenreStream.Host.Tests.Settings;

/// <summary>
/// Settings through the real program: unknown or misspelled keys are warned about with the nearest known key,
/// a JSON syntax error names its line and column (at start and on serve's live reload, logged once), a rejected
/// value is logged once, and a settings file linked to a device is refused after 1 MB.
/// </summary>
public sealed partial class SettingsCheckTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _config = new();
    private readonly TempDirectory _temp = new();
    private readonly string _clip;

    public SettingsCheckTests()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "config")))
        {
            File.Copy(file, _config.File(Path.GetFileName(file)));
        }

        _clip = _temp.Write("clip.wav", new WavFileBuilder { SampleRate = 22050 }.Build(Signals.MusicLike(22050, 4, seed: 1)));
    }

    private string SettingsPath => _config.File("settings.json");

    public void Dispose()
    {
        _config.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public void Unknown_keys_in_the_file_and_the_environment_are_warned_about_with_the_nearest_known_key()
    {
        File.WriteAllText(SettingsPath, """{"Smoothing": {"TimeConstant": 2}, "Serve": {"Prot": 9000}, "Trakcing": {"Margin": 0.2}, "Tracking": {"HoldSeconds": 2}}""");
        var (code, output, error) = GenreProcessTests.RunGenreWith(
            new Dictionary<string, string> { ["GENRE_CONFIG_DIR"] = _config.Path, ["GENRE_Tracking__Margn"] = "0.2", ["GENRE_Model_Path"] = "x.json" },
            "classify",
            _clip);

        Assert.Equal(0, code);
        Assert.Equal(2, output.Length);
        Assert.Equal(
            [
                $"genre: warning: unknown setting Serve:Prot in {SettingsPath} is ignored (did you mean Serve:Port?)",
                $"genre: warning: unknown setting Smoothing:TimeConstant in {SettingsPath} is ignored (did you mean Smoothing:TimeConstantSeconds?)",
                $"genre: warning: unknown setting Trakcing:Margin in {SettingsPath} is ignored (did you mean Tracking:Margin?)",
                "genre: warning: unknown setting GENRE_Model_Path (environment) is ignored (did you mean GENRE_Model__Path?)",
                "genre: warning: unknown setting GENRE_Tracking__Margn (environment) is ignored (did you mean GENRE_Tracking__Margin?)",
            ],
            error);
    }

    [Fact]
    public void The_shipped_settings_and_the_programs_own_variables_give_no_warning()
    {
        var (code, _, error) = GenreProcessTests.RunGenreWith(
            new Dictionary<string, string> { ["GENRE_CONFIG_DIR"] = _config.Path, ["GENRE_SERVE_TOKEN"] = "a-long-token", ["GENRE_Smoothing__Windows"] = "4", ["GENRE_TRACKING__MARGIN"] = "0.2" },
            "classify",
            _clip);
        Assert.Equal(0, code);
        Assert.Empty(error);
    }

    [Fact]
    public void A_json_syntax_error_says_the_file_line_and_column()
    {
        File.WriteAllText(SettingsPath, "{\n  \"Tracking\": {\n    \"Margin\": 0.2,,\n  }\n}\n");
        var (code, output, error) = GenreProcessTests.RunGenreWith(new Dictionary<string, string> { ["GENRE_CONFIG_DIR"] = _config.Path }, "classify", _clip);
        Assert.Equal(1, code);
        Assert.Empty(output);
        var line = Assert.Single(error);
        Assert.StartsWith($"genre: cannot read {SettingsPath}: not valid JSON at line 3, column 19: ", line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_settings_file_linked_to_dev_zero_is_refused_after_one_megabyte()
    {
        File.Delete(SettingsPath);
        File.CreateSymbolicLink(SettingsPath, "/dev/zero");
        var (code, output, error) = GenreProcessTests.RunGenreWith(new Dictionary<string, string> { ["GENRE_CONFIG_DIR"] = _config.Path }, "classify", _clip);
        Assert.Equal(1, code);
        Assert.Empty(output);
        Assert.Equal([$"genre: cannot read {SettingsPath}: larger than 1 MB, the most a settings file may be"], error);
    }

    [Fact]
    public void Serve_logs_a_reload_syntax_error_with_line_and_column_once_and_a_rejected_value_once_keeping_the_settings_in_force()
    {
        using var serve = new ServeProcess(["--source", "file:" + _temp.Write("long.wav", new WavFileBuilder { SampleRate = 22050 }.Build(Signals.MusicLike(22050, 60, 2)))], s => s.Environment["GENRE_CONFIG_DIR"] = _config.Path);
        var shipped = File.ReadAllText(SettingsPath);
        double Margin()
        {
            using var now = System.Text.Json.JsonDocument.Parse(serve.Client.GetStringAsync("/api/now").Result);
            return now.RootElement.GetProperty("tracking").GetProperty("margin").GetDouble();
        }

        // Each step ends with a good file whose margin shows through the API: every signal of the save before it is handled by then.
        void Apply(double margin)
        {
            File.WriteAllText(SettingsPath, shipped.Replace("\"Margin\": 0.1", "\"Margin\": " + margin.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
            Assert.True(ServeProcess.WaitUntil(() => Math.Abs(Margin() - margin) < 1e-9, Patience), serve.Error);
        }

        Apply(0.2);
        File.WriteAllText(SettingsPath, shipped.Replace("\"Margin\": 0.1,", "\"Margin\": 0.3,,", StringComparison.Ordinal));
        Assert.True(ServeProcess.WaitUntil(() => serve.Error.Contains("not valid JSON at line", StringComparison.Ordinal), Patience), serve.Error);
        Assert.Equal(0.2, Margin(), 1e-9);
        Apply(0.25);
        File.WriteAllText(SettingsPath, shipped.Replace("\"Margin\": 0.1", "\"Margin\": 7", StringComparison.Ordinal));
        Assert.True(ServeProcess.WaitUntil(() => serve.Error.Contains("Tracking:Margin '7'", StringComparison.Ordinal), Patience), serve.Error);
        Apply(0.3);

        var syntax = SyntaxError().Matches(serve.Error);
        Assert.Single(syntax);
        Assert.Equal((11, 19), (int.Parse(syntax[0].Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(syntax[0].Groups[2].Value, CultureInfo.InvariantCulture)));
        Assert.Single(Regex.Matches(serve.Error, "Tracking:Margin '7'"));
    }

    [GeneratedRegex(@"settings not applied: cannot read .*settings\.json: not valid JSON at line (\d+), column (\d+)")]
    private static partial Regex SyntaxError();
}
