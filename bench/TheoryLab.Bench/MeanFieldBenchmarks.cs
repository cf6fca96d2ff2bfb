using BenchmarkDotNet.Attributes;
using TheoryLab.Models.MeanField;

namespace TheoryLab.Bench;

/// <summary>The inner operations of the mean-field maps for tanh, one phase-diagram cell and one sweep point.</summary>
[MemoryDiagnoser]
public class MeanFieldBenchmarks
{
    private readonly GaussianIntegrals _tanh = new(Activations.Tanh);
    private readonly GaussianIntegrals _hardTanh = new(Activations.HardTanh);

    [Benchmark(Description = "E[tanh(√q z)²], 192 nodes")]
    public double SecondMoment() => _tanh.SecondMoment(1.06);

    [Benchmark(Description = "E[tanh(u₁) tanh(u₂)], 192² nodes")]
    public double Covariance() => _tanh.Covariance(1.06, 1.06, 0.45);

    [Benchmark(Description = "E[hardtanh(u₁) hardtanh(u₂)], piecewise")]
    public double KinkedCovariance() => _hardTanh.Covariance(1.5, 1.5, 0.45);

    [Benchmark(Description = "phase-diagram cell: q* and χ₁")]
    public double Chi1Cell() => new MeanFieldMaps(_tanh, 2.5, 0.05).Chi1;

    [Benchmark(Description = "sweep point: q*, c*, ξ_c")]
    public double SweepPoint() => new MeanFieldMaps(_tanh, 2.5, 0.05).XiC;

    [Benchmark(Description = "critical σ_w² (Brent)")]
    public double Critical() => Criticality.CriticalSigmaW2(_tanh, 0.05);
}
