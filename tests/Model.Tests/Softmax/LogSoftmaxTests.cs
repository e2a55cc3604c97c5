using GenreStream.Model.Softmax;

namespace GenreStream.Model.Tests.Softmax;

public class LogSoftmaxTests
{
    [Theory]
    [InlineData(1e4f, -1e4f)]
    [InlineData(1e4f, 1e4f)]
    [InlineData(-1e4f, -1e4f)]
    [InlineData(0f, 0f)]
    [InlineData(float.MaxValue, -float.MaxValue)]
    [InlineData(float.PositiveInfinity, float.NegativeInfinity)]
    [InlineData(float.PositiveInfinity, float.PositiveInfinity)]
    [InlineData(float.NaN, 1f)]
    [InlineData(float.NaN, float.NaN)]
    public void Extreme_logits_give_finite_probabilities_that_sum_to_one(float a, float b)
    {
        float[] logits = [a, b, 0f, a / 2, -3f];
        var p = new float[logits.Length];
        LogSoftmax.Probabilities(logits, p);
        Assert.All(p, v => Assert.True(float.IsFinite(v) && v >= 0));
        Assert.Equal(1.0, p.Sum(v => (double)v), 1e-6);

        var logP = new float[logits.Length];
        LogSoftmax.Compute(logits, logP);
        Assert.All(logP, v => Assert.True(float.IsFinite(v) && v <= 0));
        Assert.Equal(1.0, logP.Sum(v => Math.Exp(v)), 1e-6);
    }

    [Fact]
    public void Matches_the_textbook_formula_on_moderate_logits()
    {
        float[] logits = [1f, 2f, 3f];
        var p = new float[3];
        LogSoftmax.Probabilities(logits, p);
        var denominator = Math.Exp(1) + Math.Exp(2) + Math.Exp(3);
        Assert.Equal(Math.Exp(3) / denominator, p[2], 1e-6);
        Assert.Equal(Math.Exp(1) / denominator, p[0], 1e-6);
    }
}
