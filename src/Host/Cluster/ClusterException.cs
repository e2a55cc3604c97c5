namespace GenreStream.Host.Cluster;

/// <summary>The cluster cannot be used: a bad server address, a server that cannot be reached or refuses JetStream.</summary>
internal sealed class ClusterException : Exception
{
    public ClusterException(string message)
        : base(message)
    {
    }

    public ClusterException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
