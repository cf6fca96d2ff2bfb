namespace TheoryLab.Analysis.Scattering;

/// <summary>
/// The path of one scattering channel: its order and the scale and angle indices of the wavelets along it, −1
/// where a step does not exist (order 0 has none, order 1 has no second). Order 1 is |x ⋆ ψ_{j1,θ1}| ⋆ φ_J;
/// order 2 is ||x ⋆ ψ_{j1,θ1}| ⋆ ψ_{j2,θ2}| ⋆ φ_J with j1 &lt; j2.
/// </summary>
public readonly record struct ScatteringPath(int Order, int J1, int Theta1, int J2, int Theta2)
{
    /// <summary>
    /// Every channel in Kymatio's order: order 0, then order 1 by (j, θ), then order 2 by (j1, θ1, j2, θ2) with
    /// j1 &lt; j2, the later index varying fastest.
    /// </summary>
    public static IReadOnlyList<ScatteringPath> All(int scales, int angles, int maxOrder)
    {
        var paths = new List<ScatteringPath>(ChannelCount(scales, angles, maxOrder)) { new(0, -1, -1, -1, -1) };
        for (int j = 0; j < scales; j++)
            for (int theta = 0; theta < angles; theta++) paths.Add(new(1, j, theta, -1, -1));
        if (maxOrder < 2) return paths;
        for (int j1 = 0; j1 < scales; j1++)
            for (int theta1 = 0; theta1 < angles; theta1++)
                for (int j2 = j1 + 1; j2 < scales; j2++)
                    for (int theta2 = 0; theta2 < angles; theta2++) paths.Add(new(2, j1, theta1, j2, theta2));
        return paths;
    }

    /// <summary>1 + J·L, plus L²·J(J−1)/2 with order 2.</summary>
    public static int ChannelCount(int scales, int angles, int maxOrder) =>
        1 + scales * angles + (maxOrder >= 2 ? angles * angles * scales * (scales - 1) / 2 : 0);
}
