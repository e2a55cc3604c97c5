namespace GenreStream.Model.Softmax;

/// <summary>A model file that cannot be used: missing, corrupt, of another schema, or for other features. The message is one line.</summary>
public sealed class ModelFormatException : Exception
{
    public ModelFormatException(string message)
        : base(message)
    {
    }

    public ModelFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ModelFormatException()
    {
    }
}
