#:project ../../src/Streaming/GenreStream.Streaming.csproj
#:property PublishAot=false

// For bench/compare.sh: the feature matrix of one audio file (one row per texture window, exactly as the pipeline
// computes it) and the time our model takes to predict every row's probabilities, best of many repeats.
// Usage: dotnet run bench/compare/predict-matrix.cs -- <model.json> <audio> <out-folder> [repeats]
// Writes <out-folder>/x.f32 (rows x features, float32) and p.f32 (rows x classes); prints one JSON line.
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using GenreStream.Model.Softmax;
using GenreStream.Streaming;
using GenreStream.Streaming.Sources;

if (args.Length < 3)
{
    Console.Error.WriteLine("usage: predict-matrix.cs <model.json> <audio> <out-folder> [repeats]");
    return 2;
}

var model = ModelFile.Load(args[0]);
var repeats = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 200;
var rows = new List<float>();
using (SampleReaderObservable.Read(() => AudioFileReader.Open(args[1])).FeatureVectors(model.Spec).Subscribe(w => rows.AddRange(w.Values.Span)))
{
}

var d = model.FeatureCount;
var n = rows.Count / d;
var x = rows.ToArray();
var p = new float[n * model.ClassCount];
var scratch = new float[d];
void PredictAll()
{
    for (var i = 0; i < n; i++)
    {
        model.PredictProbabilities(x.AsSpan(i * d, d), p.AsSpan(i * model.ClassCount, model.ClassCount), scratch);
    }
}

PredictAll(); // warm-up
var best = double.MaxValue;
for (var r = 0; r < repeats; r++)
{
    var start = Stopwatch.GetTimestamp();
    PredictAll();
    best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalSeconds);
}

Directory.CreateDirectory(args[2]);
File.WriteAllBytes(Path.Combine(args[2], "x.f32"), MemoryMarshal.AsBytes(x.AsSpan()).ToArray());
File.WriteAllBytes(Path.Combine(args[2], "p.f32"), MemoryMarshal.AsBytes(p.AsSpan()).ToArray());
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{{\"rows\":{n},\"features\":{d},\"classes\":{model.ClassCount},\"seconds\":{best:R}}}"));
return 0;
