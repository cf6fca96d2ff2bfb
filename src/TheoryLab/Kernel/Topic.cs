namespace TheoryLab.Kernel;

/// <summary>The course's topics, in lecture order.</summary>
public enum Topic
{
    Architecture,
    Expressivity,
    SignalPropagation,
    Optimization,
    Landscape,
    Visualization,
    Adversarial,
    Generative,
    Pinn,
    Pruning,
}

public static class TopicNames
{
    /// <summary>The lecture label and title, as the course names them ("L5–6 Signal propagation").</summary>
    public static string Label(this Topic topic) => topic switch
    {
        Topic.Architecture => "L1 Architecture, data, training",
        Topic.Expressivity => "L2–4 Expressivity and depth",
        Topic.SignalPropagation => "L5–6 Signal propagation",
        Topic.Optimization => "L7–8 Optimisation",
        Topic.Landscape => "L9–10 Loss landscape",
        Topic.Visualization => "L11 Visualisation",
        Topic.Adversarial => "L12 Adversarial attacks",
        Topic.Generative => "L13 Generative models",
        Topic.Pinn => "L14 Physics-informed networks",
        Topic.Pruning => "L15 Pruning and low rank",
        _ => topic.ToString(),
    };

    /// <summary>The topic's page under docs/, where each of its experiments has a section (the course spells "visualisation").</summary>
    public static string Page(this Topic topic) => topic switch
    {
        Topic.Architecture => "architecture.md",
        Topic.Expressivity => "expressivity.md",
        Topic.SignalPropagation => "signal-propagation.md",
        Topic.Optimization => "optimization.md",
        Topic.Landscape => "landscape.md",
        Topic.Visualization => "visualisation.md",
        Topic.Adversarial => "adversarial.md",
        Topic.Generative => "generative.md",
        Topic.Pinn => "pinn.md",
        Topic.Pruning => "pruning.md",
        _ => throw new ArgumentOutOfRangeException(nameof(topic), topic, "a topic without a docs page"),
    };
}
