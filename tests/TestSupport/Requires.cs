using Xunit;

namespace GenreStream.TestSupport;

/// <summary>
/// Skips a test whose real part (data, program, server) is missing, with the reason in the skip message.
/// With <c>GENRE_TESTS_REQUIRE_ALL=1</c> (set by CI) a missing part fails the test instead, so CI can never
/// pass by skipping.
/// </summary>
public static class Requires
{
    /// <summary>Whether missing parts fail rather than skip.</summary>
    public static bool Strict => Environment.GetEnvironmentVariable("GENRE_TESTS_REQUIRE_ALL") == "1";

    /// <summary>Skips (or, when strict, fails) when <paramref name="whyUnavailable"/> is not null.</summary>
    public static void Available(string? whyUnavailable)
    {
        if (whyUnavailable is null)
        {
            return;
        }

        if (Strict)
        {
            throw new InvalidOperationException("required test resource missing (GENRE_TESTS_REQUIRE_ALL=1): " + whyUnavailable);
        }

        Skip.If(true, "SKIPPED: " + whyUnavailable);
    }

    /// <summary>The shared data folder, or a skip.</summary>
    public static string SharedData()
    {
        Available(TestSupport.SharedData.Root is null ? TestSupport.SharedData.MissingMessage : null);
        return TestSupport.SharedData.Root!;
    }

    /// <summary>The numpy/scipy reference, or a skip.</summary>
    public static void Numpy() => Available(PythonReference.WhyUnavailable);

    /// <summary>numpy, scipy and scikit-learn for <c>/usr/bin/python3</c>, or a skip.</summary>
    public static void Sklearn() => Available(SklearnReference.WhyUnavailable);
}
