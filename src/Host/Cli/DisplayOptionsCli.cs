using System.CommandLine;
using GenreStream.Host.Listen;

namespace GenreStream.Host.Cli;

/// <summary>The options of <c>genre listen</c>'s live terminal view.</summary>
internal sealed class DisplayOptionsCli
{
    private readonly Option<string> _bars = new("--bars")
    {
        Description = "Order of the ten bars in the live view: sorted (most likely first) or fixed (the model's genre order).",
        DefaultValueFactory = _ => "sorted",
    };

    public DisplayOptionsCli() => _bars.AcceptOnlyFromAmong("sorted", "fixed");

    public void AddTo(Command command) => command.Options.Add(_bars);

    public DisplayOptions Resolve(ParseResult parse) => new(SortedBars: parse.GetValue(_bars) != "fixed");
}
