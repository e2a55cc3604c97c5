using GenreStream.Model.Softmax;
using GenreStream.Streaming.Realtime;

namespace GenreStream.Plugin.CApi;

/// <summary>What a <c>genre_classifier*</c> points to: a <see cref="BlockClassifier"/> and its labels as C strings.</summary>
internal sealed unsafe class NativeClassifier : IDisposable
{
    private readonly byte*[] _names;

    public NativeClassifier(SoftmaxModel model, int sampleRate)
    {
        Classifier = new BlockClassifier(model, sampleRate, smoothingSeconds: 4);
        _names = new byte*[model.ClassCount];
        for (var k = 0; k < _names.Length; k++)
        {
            _names[k] = NativeStrings.Allocate(model.Labels[k]);
        }
    }

    public BlockClassifier Classifier { get; }

    public byte* Name(int index) => index >= 0 && index < _names.Length ? _names[index] : null;

    public void Dispose()
    {
        for (var k = 0; k < _names.Length; k++)
        {
            NativeStrings.Free(_names[k]);
            _names[k] = null;
        }
    }
}
