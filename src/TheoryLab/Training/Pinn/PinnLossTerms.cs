namespace TheoryLab.Training.Pinn;

/// <summary>
/// The three terms of a PINN loss at the current weights, before weighting: Burgers' (<see cref="BurgersPinnLoss"/>)
/// and convection's (<see cref="ConvectionPinnLoss"/>) losses say what each is for their problem.
/// </summary>
/// <param name="Initial">The misfit at the initial points, u(0, x) against u₀(x).</param>
/// <param name="Boundary">The misfit at the boundary: u against its boundary values, or the periodicity gap u(0, t) − u(L, t).</param>
/// <param name="Residual">The mean squared PDE residual at the collocation points.</param>
public sealed record PinnLossTerms(double Initial, double Boundary, double Residual);
