namespace GenreStream.Host.Cluster;

/// <summary>A NATS server's address as <c>--nats</c> takes it: <c>nats://host:port</c> (port 4222 when left out).</summary>
internal sealed record NatsAddress(string Url)
{
    /// <exception cref="ClusterException">Not a nats:// address.</exception>
    public static NatsAddress Parse(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("nats" or "tls") || string.IsNullOrEmpty(uri.Host))
        {
            throw new ClusterException($"--nats: '{text}' is not a NATS server address (nats://host:port, e.g. nats://127.0.0.1:4222)");
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            throw new ClusterException("--nats: credentials in the address are not supported (they would show in process lists)");
        }

        return new NatsAddress($"{uri.Scheme}://{uri.Host}:{(uri.IsDefaultPort || uri.Port < 0 ? 4222 : uri.Port)}");
    }

    public override string ToString() => Url;
}
