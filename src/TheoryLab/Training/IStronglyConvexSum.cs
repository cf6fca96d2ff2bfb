using TheoryLab.Training.Optimizers;
using static TorchSharp.torch;

namespace TheoryLab.Training;

/// <summary>
/// A smooth, strongly convex finite sum whose minimiser is known to machine precision, with the constants that
/// Bottou, Curtis and Nocedal's analysis of SGD needs: what the noise-floor experiment runs SGD, growing batches and
/// SVRG on, whatever the problem (ridge least squares, ℓ2-regularised logistic regression).
/// </summary>
public interface IStronglyConvexSum : IFiniteSum, IDisposable
{
    /// <summary>d, the length of x.</summary>
    int Dimension { get; }

    /// <summary>x*, the minimiser.</summary>
    Tensor Minimizer { get; }

    /// <summary>F* = F(x*).</summary>
    double MinimumValue { get; }

    /// <summary>F(x).</summary>
    double Value(Tensor x);

    /// <summary>F(x) − F*, computed so that gaps far below F*'s rounding error stay meaningful.</summary>
    double Gap(Tensor x);

    /// <summary>c, a strong-convexity constant valid everywhere: ∇²F ⪰ cI.</summary>
    double StrongConvexity { get; }

    /// <summary>μ*, the smallest eigenvalue of ∇²F(x*): the curvature that sets SGD's relaxation near the optimum (at least c).</summary>
    double CurvatureAtMinimizer { get; }

    /// <summary>L, a smoothness constant valid everywhere: ∇²F ⪯ LI.</summary>
    double Smoothness { get; }

    /// <summary>L_max, the largest smoothness constant of one component fᵢ: what bounds single-sample steps.</summary>
    double ComponentSmoothness { get; }

    /// <summary>M = E‖∇fᵢ(x*)‖² over i uniform: the gradient noise SGD keeps at the optimum.</summary>
    double GradientVarianceAtMinimizer { get; }
}
