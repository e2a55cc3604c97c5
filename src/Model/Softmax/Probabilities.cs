namespace GenreStream.Model.Softmax;

/// <summary>Reading a probability vector: which class leads.</summary>
public static class Probabilities
{
    /// <summary>Index of the largest value (the first, on ties); 0 for an empty vector.</summary>
    public static int ArgMax(ReadOnlySpan<float> values)
    {
        var best = 0;
        for (var k = 1; k < values.Length; k++)
        {
            best = values[k] > values[best] ? k : best;
        }

        return best;
    }
}
