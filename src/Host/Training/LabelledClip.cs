namespace GenreStream.Host.Training;

/// <summary>One labelled recording of a training or evaluation set.</summary>
/// <param name="Path">Full path of the audio file.</param>
/// <param name="Name">The path as the data set names it (relative to the TSV or folder), for reports.</param>
/// <param name="Genre">The label.</param>
/// <param name="Fold">Cross-validation fold, or null when the set gives none (<see cref="FoldPlan"/> then gives it its group's, or deals one out).</param>
/// <param name="Group">Clips of one group (an artist) are never split between training and test; null means the clip is its own group.</param>
/// <param name="DataSet">Which data set the clip comes from (reports give figures per data set); null: unnamed.</param>
internal sealed record LabelledClip(string Path, string Name, string Genre, int? Fold, string? Group, string? DataSet = null)
{
    /// <summary>The data set's name for reports.</summary>
    public string DataSetName => DataSet ?? "data";

    /// <summary>The group used for splitting: the given one, or the clip itself.</summary>
    public string SplitGroup => Group ?? "clip:" + Name;
}
