namespace GenreStream.Model.Softmax;

/// <summary>How a model turns its K per-class scores (logits) into class probabilities.</summary>
public enum ModelKind
{
    /// <summary>Multinomial logistic regression: p = softmax(z).</summary>
    Multinomial,

    /// <summary>
    /// One-vs-rest: K independent binary logistic regressions; p_k = σ(z_k) / Σ_j σ(z_j), as
    /// scikit-learn's one-vs-rest <c>predict_proba</c>.
    /// </summary>
    OneVsRest,
}
