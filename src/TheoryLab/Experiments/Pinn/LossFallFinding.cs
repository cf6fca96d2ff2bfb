using TheoryLab.Kernel;
using TheoryLab.Text;

namespace TheoryLab.Experiments.Pinn;

/// <summary>
/// The finding each PINN experiment reports to show that its optimiser worked at all: a short run's relative error may
/// stay near that of an untrained network (an error says how far the solution is), while a fall in the loss shows
/// that the gradients and L-BFGS did their part (a broken kernel or a silent NaN shows here first).
/// </summary>
internal static class LossFallFinding
{
    /// <param name="falls">Each training's initial loss over its final loss.</param>
    /// <param name="trainings">Which trainings, as a plural noun phrase ("the 4 trainings at β = 1, …").</param>
    public static Finding Least(IReadOnlyCollection<double> falls, string trainings) =>
        new("least_loss_fall", falls.Min(), "×",
            $"The least factor by which any of {trainings} lowered its PINN loss from its initial weights to its last iterate " +
            $"(the largest: {NumberText.Short(falls.Max(), 3)}); it shows the optimiser at work, not accuracy.");
}
