namespace TheoryLab.Numerics.Pde;

/// <summary>
/// A second method for viscous Burgers' equation u_t + (u²/2)_x = ν u_xx on the 2-periodic line (which, for an odd
/// initial condition such as −sin(πx), is the problem on [−1, 1] with zero boundary values): the conservative central
/// scheme du_i/dt = −(F_{i+1/2} − F_{i−1/2})/h + ν(u_{i+1} − 2u_i + u_{i−1})/h² with F_{i+1/2} = (u_i² + u_{i+1}²)/4, on
/// n equally spaced nodes x_i = −1 + ih, and the classical fourth-order Runge–Kutta method in time. Its error is O(h²)
/// once the time step is small; the central flux is free of spurious oscillations while the cell Péclet number
/// max|u|·h/ν stays below 2, which is checked.
/// </summary>
public static class BurgersFiniteDifference
{
    /// <summary>
    /// u(t, x_i) on the n nodes x_i = −1 + 2i/n, from u(0, x) = <paramref name="initial"/>(x), with time steps of at
    /// most <paramref name="diffusionNumber"/>·h²/ν (0.25 keeps RK4 well inside its stability region).
    /// </summary>
    public static double[] Solve(Func<double, double> initial, double viscosity, double time, int nodes, double diffusionNumber = 0.25)
    {
        if (nodes < 8) throw new ArgumentOutOfRangeException(nameof(nodes), nodes, "use at least 8 nodes");
        if (!(viscosity > 0) || time < 0) throw new ArgumentOutOfRangeException(nameof(viscosity), "the viscosity must be positive and the time non-negative");
        double h = 2.0 / nodes;
        var u = new double[nodes];
        for (int i = 0; i < nodes; i++) u[i] = initial(-1 + i * h);
        double peclet = u.Max(Math.Abs) * h / viscosity;
        if (peclet >= 2) throw new ArgumentOutOfRangeException(nameof(nodes), nodes, $"the cell Péclet number is {peclet:G3}; use more than {(int)Math.Ceiling(nodes * peclet / 2)} nodes");
        if (time == 0) return u;
        int steps = (int)Math.Ceiling(time / (diffusionNumber * h * h / viscosity));
        double dt = time / steps;
        var k1 = new double[nodes]; var k2 = new double[nodes]; var k3 = new double[nodes]; var k4 = new double[nodes];
        var stage = new double[nodes];
        for (int step = 0; step < steps; step++)
        {
            Rate(u, k1, h, viscosity);
            for (int i = 0; i < nodes; i++) stage[i] = u[i] + 0.5 * dt * k1[i];
            Rate(stage, k2, h, viscosity);
            for (int i = 0; i < nodes; i++) stage[i] = u[i] + 0.5 * dt * k2[i];
            Rate(stage, k3, h, viscosity);
            for (int i = 0; i < nodes; i++) stage[i] = u[i] + dt * k3[i];
            Rate(stage, k4, h, viscosity);
            for (int i = 0; i < nodes; i++) u[i] += dt / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
        }
        return u;
    }

    private static void Rate(double[] u, double[] rate, double h, double viscosity)
    {
        int n = u.Length;
        double diffusion = viscosity / (h * h);
        for (int i = 0; i < n; i++)
        {
            double left = u[(i - 1 + n) % n], here = u[i], right = u[(i + 1) % n];
            double fluxRight = (here * here + right * right) / 4, fluxLeft = (left * left + here * here) / 4;
            rate[i] = -(fluxRight - fluxLeft) / h + diffusion * (right - 2 * here + left);
        }
    }
}
