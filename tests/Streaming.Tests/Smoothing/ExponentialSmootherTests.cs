using GenreStream.Streaming.Smoothing;

namespace GenreStream.Streaming.Tests.Smoothing;

public class ExponentialSmootherTests
{
    [Fact]
    public void After_one_time_constant_a_step_has_moved_63_percent()
    {
        var smoother = new ExponentialSmoother(2, timeConstantSeconds: 4);
        smoother.Update([1f, 0f], 0);
        var s = smoother.Update([0f, 1f], 4).ToArray();
        Assert.Equal(Math.Exp(-1), s[0], 1e-6);
        Assert.Equal(1 - Math.Exp(-1), s[1], 1e-6);
    }

    [Fact]
    public void Many_small_steps_equal_one_big_step_of_the_same_duration()
    {
        var fine = new ExponentialSmoother(1, 3);
        var coarse = new ExponentialSmoother(1, 3);
        fine.Update([0f], 0);
        coarse.Update([0f], 0);
        for (var t = 1; t <= 10; t++)
        {
            fine.Update([1f], t * 0.5);
        }

        coarse.Update([1f], 5);
        Assert.Equal(coarse.Current[0], fine.Current[0], 1e-5);
    }

    [Fact]
    public void Zero_time_constant_passes_input_through()
    {
        var smoother = new ExponentialSmoother(1, 0);
        smoother.Update([0.2f], 0);
        Assert.Equal(0.9f, smoother.Update([0.9f], 1)[0]);
    }

    [Fact]
    public void A_negative_or_infinite_time_constant_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialSmoother(1, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialSmoother(1, double.PositiveInfinity));
    }
}
