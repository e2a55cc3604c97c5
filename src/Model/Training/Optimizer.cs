namespace GenreStream.Model.Training;

/// <summary>How <see cref="SoftmaxTrainer"/> minimises the regularised objective.</summary>
public enum Optimizer
{
    /// <summary>Full-batch L-BFGS to the gradient tolerance: the reference method (matches scikit-learn's lbfgs).</summary>
    Lbfgs,

    /// <summary>Shuffled mini-batch gradient descent for a fixed number of epochs: approximate, bounded memory per step.</summary>
    MiniBatchGradientDescent,
}
