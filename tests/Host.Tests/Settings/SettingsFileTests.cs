using GenreStream.Host.Tests.Cli;
using GenreStream.TestSupport;

namespace GenreStream.Host.Tests.Settings;

/// <summary>A settings.json that is not JSON, has values of the wrong type, or invalid values: one line at start naming the file and every problem (exit 1).</summary>
public sealed class SettingsFileTests : IDisposable
{
    private readonly TempDirectory _config = new();
    private readonly TempDirectory _temp = new();
    private readonly string _clip;

    public SettingsFileTests()
    {
        File.Copy(Path.Combine(AppContext.BaseDirectory, "config", "genre-model.json"), _config.File("genre-model.json"));
        _clip = _temp.Write("clip.wav", new WavFileBuilder { SampleRate = 22050 }.Build(Signals.MusicLike(22050, 1, seed: 1)));
    }

    private string SettingsPath => _config.File("settings.json");

    public void Dispose()
    {
        _config.Dispose();
        _temp.Dispose();
    }

    public static TheoryData<string> NotJson()
    {
        var shipped = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "config", "settings.json"));
        var data = new TheoryData<string> { "not json", "{", "[1, 2]", "\"text\"", "42", "{\"Serve\": {\"Port\": 8765,}", "\uFEFF<xml/>", "\u0000\u0001\u0002" };
        foreach (var length in new[] { 2, shipped.Length / 3, shipped.Length / 2, shipped.Length - 3 })
        {
            data.Add(shipped[..length]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(NotJson))]
    public void A_settings_file_that_is_not_json_is_one_line_naming_it(string text)
    {
        File.WriteAllText(SettingsPath, text);
        AssertOneLineNamingTheFile(CliRunner.Run(["classify", _clip], configDirectory: _config.Path));
    }

    [Theory]
    [InlineData("""{"Serve": {"Port": [8765]}}""", "Serve:Port")]
    [InlineData("""{"Serve": {"Port": {"value": 8765}}}""", "Serve:Port")]
    [InlineData("""{"Serve": 8765}""", "Serve")]
    [InlineData("""{"Smoothing": {"TimeConstantSeconds": {"seconds": 4}}}""", "Smoothing:TimeConstantSeconds")]
    [InlineData("""{"Tracking": ["Margin", 0.1]}""", "Tracking")]
    [InlineData("""{"Model": {"Path": ["a.json", "b.json"]}}""", "Model:Path")]
    [InlineData("""{"Listen": {"Source": {"name": "mic"}}}""", "Listen:Source")]
    [InlineData("""{"Outputs": {"MqttQos": [1]}}""", "Outputs:MqttQos")]
    public void A_value_of_the_wrong_type_is_named_not_ignored(string json, string key)
    {
        File.WriteAllText(SettingsPath, json);
        var line = AssertOneLineNamingTheFile(CliRunner.Run(["classify", _clip], configDirectory: _config.Path));
        Assert.Contains($"{key} ", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_invalid_value_is_named_at_once_with_the_file()
    {
        File.WriteAllText(SettingsPath, """
            {"Smoothing": {"TimeConstantSeconds": "NaN", "Windows": 0, "Method": 3},
             "Tracking": {"Margin": "Infinity", "HoldSeconds": 1e309, "SilenceThresholdDecibels": true},
             "Serve": {"Port": -1, "MaxClients": "many", "Address": ""},
             "Outputs": {"MqttQos": 3, "JsonLinesMaxMegabytes": 0, "Osc": {"host": "x"}},
             "Listen": {"Source": " "}}
            """);
        var line = AssertOneLineNamingTheFile(CliRunner.Run(["classify", _clip], configDirectory: _config.Path));
        foreach (var key in new[]
        {
            "Smoothing:TimeConstantSeconds", "Smoothing:Windows", "Smoothing:Method", "Tracking:Margin", "Tracking:HoldSeconds",
            "Tracking:SilenceThresholdDecibels", "Serve:Port", "Serve:MaxClients", "Serve:Address", "Outputs:MqttQos",
            "Outputs:JsonLinesMaxMegabytes", "Outputs:Osc", "Listen:Source",
        })
        {
            Assert.Contains(key, line, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_folder_where_the_settings_file_should_be_is_one_line_naming_it()
    {
        Directory.CreateDirectory(SettingsPath);
        AssertOneLineNamingTheFile(CliRunner.Run(["classify", _clip], configDirectory: _config.Path));
    }

    [Fact]
    public void Valid_settings_still_classify()
    {
        File.Copy(Path.Combine(AppContext.BaseDirectory, "config", "settings.json"), SettingsPath);
        Assert.Equal(0, CliRunner.Run(["classify", _clip], configDirectory: _config.Path).ExitCode);
    }

    private string AssertOneLineNamingTheFile(CliRunner.Result result)
    {
        Assert.Equal(1, result.ExitCode);
        Assert.Empty(result.Out);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("genre: ", line, StringComparison.Ordinal);
        Assert.Contains(SettingsPath, line, StringComparison.Ordinal);
        return line;
    }
}
