using static TorchSharp.torch;

namespace TheoryLab.Training;

/// <summary>
/// Where training stands when a callback is called: before the first step (<see cref="Step"/> 0, no loss)
/// and after every step. Callbacks decide for themselves at which steps to act.
/// </summary>
/// <param name="Step">Steps taken so far.</param>
/// <param name="TotalSteps">Steps the run will take.</param>
/// <param name="Epoch">The epoch the last step belonged to (0-based).</param>
/// <param name="BatchLoss">The loss of the last step's batch before its update; null before the first step.</param>
/// <param name="Model">The model, in training mode; a callback that switches modes switches back.</param>
public sealed record TrainingMoment(long Step, long TotalSteps, int Epoch, double? BatchLoss, nn.Module Model)
{
    public bool IsStart => Step == 0;
    public bool IsEnd => Step == TotalSteps;
}

/// <summary>
/// Something done during training (evaluation, progress, logging, checkpoints), all with one signature so the
/// loop stays short and new duties are added without touching it.
/// </summary>
public delegate void TrainingCallback(TrainingMoment moment);
