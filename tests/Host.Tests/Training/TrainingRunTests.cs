using GenreStream.Host.Training;
using GenreStream.Model.Features;
using GenreStream.Model.Softmax;
using GenreStream.Model.Training;
using GenreStream.TestSupport;

namespace GenreStream.Host.Tests.Training;

/// <summary><see cref="TrainingRun"/> used directly, as a script or another host would: no command line involved.</summary>
public sealed class TrainingRunTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static TrainingSetup Setup(string data) =>
        new(DataSet.Load([data]), FeatureSpec.Default, new TrainingOptions(), RowWeighting.None, [1.0], null, [], NullProgress.Instance, [data], "default");

    [Fact]
    public void Trains_writes_the_model_and_its_report_then_evaluates_it()
    {
        var data = Path.Combine(_temp.Path, "data");
        SyntheticGenres.WriteFolder(data, perGenre: 4);
        var model = _temp.File("model.json");
        var error = new StringWriter();

        var trained = TrainingRun.Train(Setup(data), model, crossValidate: false, error, CancellationToken.None);

        Assert.Equal(TrainingOutcome.Done, trained.Outcome);
        Assert.NotNull(trained.Report);
        Assert.True(File.Exists(TrainingRun.ReportPath(model)), error.ToString());
        var loaded = ModelFile.Load(model);
        Assert.Equal(SyntheticGenres.Labels, loaded.Labels);

        var fresh = Path.Combine(_temp.Path, "fresh");
        SyntheticGenres.WriteFolder(fresh, perGenre: 2, firstIndex: 100);
        var evaluated = TrainingRun.Evaluate(loaded, model, DataSet.Load([fresh]), null, NullProgress.Instance, error, CancellationToken.None);
        Assert.Equal(TrainingOutcome.Done, evaluated.Outcome);
        Assert.Equal("evaluation", evaluated.Report!.Kind);
    }

    [Fact]
    public void One_genre_is_refused_with_one_line_before_any_extraction()
    {
        var data = Path.Combine(_temp.Path, "one");
        SyntheticGenres.WriteFolder(data, perGenre: 2);
        foreach (var genre in SyntheticGenres.Labels.Skip(1))
        {
            Directory.Delete(Path.Combine(data, genre), recursive: true);
        }

        var error = new StringWriter();
        var result = TrainingRun.Train(Setup(data), _temp.File("m.json"), crossValidate: false, error, CancellationToken.None);

        Assert.Equal(TrainingOutcome.SetupFailed, result.Outcome);
        Assert.Null(result.Report);
        Assert.Equal($"genre train: the data has one genre ({SyntheticGenres.Labels[0]}): a classifier needs clips of at least two genres", error.ToString().TrimEnd());
        Assert.False(File.Exists(_temp.File("m.json")));
    }
}
