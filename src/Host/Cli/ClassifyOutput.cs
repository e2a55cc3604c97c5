using System.Globalization;
using System.Text;
using System.Text.Json;
using GenreStream.Model.Softmax;
using GenreStream.Streaming.Classification;
using GenreStream.Streaming.Tracking;

namespace GenreStream.Host.Cli;

/// <summary>How <c>genre classify</c> prints a result: JSON lines for programs, aligned text for people.</summary>
internal static class ClassifyOutput
{
    /// <summary>
    /// One line: <c>{"file":…,"genre":…,"probabilities":{label:p,…},"windows":n,"status":"music|unknown|silence"}</c>, plus
    /// <c>"timeline":[{"start":s,"probabilities":{…},"current":label|null,"status":…},…]</c> when asked for. Probabilities are
    /// renormalised in double precision so they sum to 1.
    /// </summary>
    public static void WriteJson(TextWriter output, string file, ClipResult result, bool withTimeline)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false }))
        {
            json.WriteStartObject();
            json.WriteString("file", file);
            json.WriteString("genre", result.TopLabel);
            json.WritePropertyName("probabilities");
            WriteProbabilities(json, result.Labels, result.Probabilities);
            json.WriteNumber("windows", result.Windows);
            json.WriteString("status", result.Status.Name());
            if (withTimeline)
            {
                json.WriteStartArray("timeline");
                foreach (var entry in result.Timeline)
                {
                    json.WriteStartObject();
                    json.WriteNumber("start", Math.Round(entry.StartSeconds, 4));
                    json.WritePropertyName("probabilities");
                    WriteProbabilities(json, result.Labels, entry.Smoothed);
                    if (entry.Current >= 0)
                    {
                        json.WriteString("current", result.Labels[entry.Current]);
                    }
                    else
                    {
                        json.WriteNull("current");
                    }

                    json.WriteString("status", entry.Status.Name());
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }

    /// <summary>The top genre, then all genres by probability, then (optionally) the timeline's leader per step.</summary>
    public static void WriteText(TextWriter output, string file, ClipResult result, bool withTimeline)
    {
        var p = Normalised(result.Probabilities);
        var windows = string.Create(CultureInfo.InvariantCulture, $"{result.Windows} window{(result.Windows == 1 ? string.Empty : "s")}");
        output.WriteLine(result.Status switch
        {
            TrackStatus.Unknown => string.Create(CultureInfo.InvariantCulture, $"{file}: unknown (not one of the genres, or not music; closest {result.TopLabel} {p[result.TopIndex]:P0}, {windows})"),
            TrackStatus.Silence => $"{file}: silence ({windows})",
            _ => string.Create(CultureInfo.InvariantCulture, $"{file}: {result.TopLabel} ({p[result.TopIndex]:P0}, {windows})"),
        });
        var order = Enumerable.Range(0, p.Length).OrderByDescending(k => p[k]);
        output.WriteLine("  " + string.Join("  ", order.Select(k => string.Create(CultureInfo.InvariantCulture, $"{result.Labels[k]} {p[k]:0.000}"))));
        if (withTimeline)
        {
            foreach (var entry in result.Timeline)
            {
                var top = Probabilities.ArgMax(entry.Smoothed);

                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {entry.StartSeconds,7:0.0} s  {result.Labels[top],-10} {entry.Smoothed[top]:0.000}"));
            }
        }
    }

    private static void WriteProbabilities(Utf8JsonWriter json, IReadOnlyList<string> labels, float[] probabilities)
    {
        var p = Normalised(probabilities);
        json.WriteStartObject();
        for (var k = 0; k < labels.Count; k++)
        {
            json.WriteNumber(labels[k], p[k]);
        }

        json.WriteEndObject();
    }

    private static double[] Normalised(float[] probabilities)
    {
        var sum = probabilities.Sum(x => (double)x);
        return probabilities.Select(x => sum > 0 ? x / sum : 1.0 / probabilities.Length).ToArray();
    }
}
