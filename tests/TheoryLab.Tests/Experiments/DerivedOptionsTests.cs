using TheoryLab.Experiments;

namespace TheoryLab.Tests.Experiments;

/// <summary>
/// Options whose sensible value follows from others: left unset, they follow them, so changing one option never
/// forces a change of another; set explicitly to a value the others contradict, they are refused. Bound and checked
/// as the command line binds and checks them.
/// </summary>
public class DerivedOptionsTests
{
    private static object Bind(string id, bool quick, string[] settings)
    {
        var experiment = ExperimentRegistry.Default.Get(id);
        var options = experiment.Schema.Bind(quick ? experiment.QuickOptions : experiment.DefaultOptions,
            settings.Select(s => KeyValuePair.Create(s[..s.IndexOf('=')], s[(s.IndexOf('=') + 1)..])));
        experiment.Validate(options);
        return options;
    }

    private static string Value(string id, object options, string option) => ExperimentRegistry.Default.Get(id).Schema.Values(options)[option];

    public static TheoryData<string, bool, string[], string, string> Followed => new()
    {
        { "sawtooth", true, ["depth=7"], "train_points", "4096" },
        { "sawtooth", false, ["depth=7"], "fit_value_levels", "4" },
        { "sawtooth", false, ["family_k="], "family_k", "" },
        { "batch-norm", true, ["steps=12"], "probe_points", "12" },
        { "batch-norm", true, ["steps=12"], "curve_points", "12" },
        { "batch-size", true, ["epochs=10"], "milestones", "3,6,8" },
        { "batch-size", false, ["epochs=2"], "hybrid_growth_steps", "0" },
        { "loss-surface", false, ["batch_size=4096"], "large_batch_size", "8192" },
        { "intrinsic-dimension", false, ["k1=30"], "k2", "60" },
        { "hessian-spectrum", false, ["width=4"], "slq_steps", "32" },
        { "trainable-depth", false, ["max_depth=100"], "depth_points", "10" },
        { "trainable-depth", false, ["sigma_w2_min=2", "sigma_w2_max=2"], "sigma_w2_points", "1" },
    };

    [Theory]
    [MemberData(nameof(Followed))]
    public void ChangingOneOption_MovesTheOptionDerivedFromIt(string id, bool quick, string[] settings, string option, string expected) =>
        Assert.Equal(expected, Value(id, Bind(id, quick, settings), option));

    public static TheoryData<string, bool, string, string> PaperDefaults => new()
    {
        { "sawtooth", false, "train_points", "1024" },
        { "sawtooth", false, "fit_value_levels", "16" },
        { "batch-norm", false, "probe_points", "30" },
        { "batch-norm", false, "curve_points", "30" },
        { "batch-size", false, "milestones", "15,30,40" },
        { "batch-size", true, "milestones", "6,12,16" },
        { "batch-size", false, "hybrid_growth_steps", "2" },
        { "loss-surface", false, "large_batch_size", "2000" },
        { "intrinsic-dimension", false, "k2", "20" },
        { "hessian-spectrum", false, "slq_steps", "60" },
        { "trainable-depth", false, "depth_points", "16" },
        { "trainable-depth", false, "sigma_w2_points", "13" },
    };

    [Theory]
    [MemberData(nameof(PaperDefaults))]
    public void DerivedFromTheDefaults_IsTheDefaultItReplaced(string id, bool quick, string option, string expected) =>
        Assert.Equal(expected, Value(id, Bind(id, quick, []), option));

    public static TheoryData<string, string[], string> Contradictions => new()
    {
        { "sawtooth", ["depth=7", "train_points=256"], "train_points (256) should give at least 4 points per linear piece" },
        { "batch-norm", ["steps=12", "probe_points=30"], "probe_points (30) exceeds the steps (12)" },
        { "batch-size", ["epochs=10", "milestones=15,30,40"], "every milestone must fall before the last epoch (10)" },
        { "loss-surface", ["batch_size=4096", "large_batch_size=2000"], "large_batch_size (2000) must exceed batch_size (4096)" },
        { "intrinsic-dimension", ["k1=30", "k2=20"], "k₂ = 20 must be at least k₁ = 30" },
        { "hessian-spectrum", ["width=4", "slq_steps=60"], "slq_steps = 60 exceeds the 32 parameters" },
        { "trainable-depth", ["max_depth=100", "depth_points=16"], "set depth_points to a divisor of 100 (1, 2, 4, 5, 10, 20, 25, …)" },
    };

    [Theory]
    [MemberData(nameof(Contradictions))]
    public void AnExplicitContradiction_IsRefused_SayingWhatToChange(string id, string[] settings, string message)
    {
        var e = Assert.Throws<TheoryLabException>(() => Bind(id, quick: false, settings));
        Assert.Contains(message, e.Message);
    }
}
