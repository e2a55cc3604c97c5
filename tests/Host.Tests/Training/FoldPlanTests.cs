using GenreStream.Host.Training;

namespace GenreStream.Host.Tests.Training;

public class FoldPlanTests
{
    private static LabelledClip Clip(string name, string genre, int? fold, string? group, string dataSet = "gtzan") =>
        new("/x/" + name, name, genre, fold, group, dataSet);

    [Fact]
    public void Clips_without_a_fold_are_dealt_out_by_artist_and_genre_so_every_clip_is_tested()
    {
        var clips = new List<LabelledClip>();
        for (var f = 0; f < 5; f++)
        {
            clips.Add(Clip($"g{f}", "rock", f, $"artist:g{f}"));
            clips.Add(Clip($"c{f}", "classical", f, $"artist:c{f}"));
        }

        // Emotify: ten rock artists, one with three clips; no folds.
        for (var a = 0; a < 10; a++)
        {
            for (var n = 0; n < (a == 0 ? 3 : 1); n++)
            {
                clips.Add(Clip($"e{a}-{n}", "rock", null, $"artist:e{a}", "emotify"));
            }
        }

        var plan = FoldPlan.Create(clips);

        Assert.Equal([0, 1, 2, 3, 4], plan.Folds);
        Assert.All(plan.FoldOfClip, f => Assert.InRange(f, 0, 4));
        Assert.Single(Enumerable.Range(0, clips.Count).Where(i => clips[i].Group == "artist:e0").Select(i => plan.FoldOfClip[i]).Distinct());
        var rockPerFold = Enumerable.Range(0, 5).Select(f => Enumerable.Range(0, clips.Count).Count(i => clips[i].Genre == "rock" && plan.FoldOfClip[i] == f)).ToArray();
        Assert.True(rockPerFold.Max() - rockPerFold.Min() <= 2, string.Join(",", rockPerFold));
    }

    [Fact]
    public void A_clip_without_a_fold_joins_the_fold_of_its_artist()
    {
        var clips = new[]
        {
            Clip("a", "blues", 0, "artist:hooker"),
            Clip("b", "blues", 1, "artist:other"),
            Clip("c", "blues", null, "artist:hooker", "emotify"),
        };
        Assert.Equal([0, 1, 0], FoldPlan.Create(clips).FoldOfClip);
    }
}
