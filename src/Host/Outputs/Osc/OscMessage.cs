namespace GenreStream.Host.Outputs.Osc;

/// <summary>An OSC 1.0 message: an address pattern and arguments (strings <c>s</c>, 32-bit floats <c>f</c>, 32-bit integers <c>i</c>).</summary>
/// <param name="Address">Starts with '/', e.g. <c>/genre/current</c>.</param>
/// <param name="Arguments">Each a <see cref="string"/>, <see cref="float"/> or <see cref="int"/>.</param>
internal sealed record OscMessage(string Address, params object[] Arguments);
