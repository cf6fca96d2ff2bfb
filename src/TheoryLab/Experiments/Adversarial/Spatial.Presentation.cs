using TheoryLab.Analysis.Adversarial;
using TheoryLab.Figures;
using TheoryLab.Kernel;
using TheoryLab.Tables;
using TheoryLab.Text;

namespace TheoryLab.Experiments.Adversarial;

/// <summary>
/// How <see cref="Spatial"/> shows its <see cref="Measurement"/>: each network's accuracy under no attack and the
/// three spatial attacks beside Engstrom et al.'s MNIST numbers, worst-of-grid accuracy against the number of grid
/// points, accuracy against the rotation angle, and digits at their worst grid transform.
/// </summary>
public sealed partial class Spatial
{
    /// <summary>The columns of every table, declared once for the code that writes and reads them.</summary>
    private static class Columns
    {
        public static readonly Column Network = new("network");
        public static readonly Column Natural = new("natural");
        public static readonly Column Random = new("random");
        public static readonly Column FirstOrder = new("first_order");
        public static readonly Column Grid = new("grid");
        public static readonly Column Points = new("grid_points");
        public static readonly Column Rotations = new("grid_rotations");
        public static readonly Column Shifts = new("grid_shifts");
        public static readonly Column Angle = new("degrees");
        public static readonly Column TileX = new("x");
        public static readonly Column TileY = new("y");
        public static readonly Column Shade = new("value");

        /// <summary>A network's column in the sweeps: its accuracy.</summary>
        public static Column Of(Training training) => new(Slug(training));
    }

    private static string Slug(Training training) => training switch
    {
        Training.Standard => "standard",
        Training.Augmented => "augmented",
        _ => "adversarial",
    };

    private static string Label(Training training, SpatialOptions o) => training switch
    {
        Training.Standard => "standard",
        Training.Augmented => "augmented",
        _ => $"worst-of-{o.TrainingTries}",
    };

    private static ExperimentResult Present(SpatialOptions o, Measurement m)
    {
        var result = new ExperimentResult();
        var threat = new SpatialThreat(o.MaxDegrees, o.MaxShift);
        var grid = new SpatialGrid(o.GridRotations, o.GridShifts);
        string attacked = $"the first {m.Images:N0} of the {m.TestCount:N0} held-out images of {m.Dataset}";
        string box = threat.Describe();
        foreach (var n in m.Networks) AddFindings(o, m, n, attacked, box, grid, result);
        AddTable(o, m, result);
        AddGridSweep(o, m, grid, result);
        AddRotationSweep(o, m, result);
        AddSheet(o, m, result);
        return result;
    }

    /// <summary>The network in words: its training and what it was trained on.</summary>
    private static string Model(SpatialOptions o, Measurement m, Training training)
    {
        string on = training switch
        {
            Training.Standard => "clean images",
            Training.Augmented => "one uniform random transform of the box per image and step (data augmentation)",
            _ => $"the worst of {o.TrainingTries} uniform random transforms of the box per image and step (Engstrom et al.'s worst-of-10 training)",
        };
        return $"a LeNet-5 ({m.Parameters:N0} parameters) trained by Adam (η = {NumberText.Short(o.LearningRate, 3)}) for {NumberText.Count(o.Epochs, "epoch")} " +
            $"on {on} of the {m.TrainCount:N0} training images";
    }

    private static void AddFindings(SpatialOptions o, Measurement m, Network n, string attacked, string box, SpatialGrid grid, ExperimentResult result)
    {
        string slug = Slug(n.Training), model = Model(o, m, n.Training);
        bool standard = n.Training == Training.Standard;
        result.Add(new Finding($"natural_accuracy_{slug}", n.Natural, "1", $"Accuracy of {model} on {attacked}, untransformed." +
            (standard ? " Engstrom et al.'s standard MNIST network: 99.31 % (Table 1, as quoted by cleverhans pull request #510)." : "")));
        result.Add(new Finding($"random_accuracy_{slug}", n.Random, "1",
            $"Accuracy of {model} on {attacked}, each at the worst of {o.RandomTries} transforms drawn uniformly from the box (misclassifying first, then the highest loss): {box}." +
            (standard ? " Engstrom et al.'s standard MNIST network: 73.32 % against worst-of-10 (Table 1, as quoted by cleverhans pull request #510; not checked against the paper here)." : "")));
        result.Add(new Finding($"grid_accuracy_{slug}", n.Grid, "1",
            $"Share of {attacked} that {model} classifies correctly under every one of the {grid.Count:N0} transforms of the {grid.Rotations} × {grid.Shifts} × {grid.Shifts} grid: {box}." +
            (standard ? " Engstrom et al. find their standard MNIST network's grid accuracy far below its worst-of-10 accuracy; their Table 1 could not be read on this machine, so its number is not quoted." : "")));
        result.Add(new Finding($"first_order_accuracy_{slug}", n.FirstOrder, "1",
            $"Accuracy of {model} on {attacked} under the first-order attack: {o.FirstOrderSteps} signed gradient steps of {NumberText.Short(o.FirstOrderStep, 3)} of the box's half-width on (θ, dx, dy) " +
            $"from a uniform random start, projected onto the box, each image keeping the worst point visited: {box}. Engstrom et al. find first-order attacks weaker than the grid on this non-concave landscape."));
    }

    private static void AddTable(SpatialOptions o, Measurement m, ExperimentResult result)
    {
        var table = new Table("accuracy").AddText(Columns.Network, m.Networks.Select(n => Label(n.Training, o)))
            .Add(Columns.Natural, m.Networks.Select(n => n.Natural)).Add(Columns.Random, m.Networks.Select(n => n.Random))
            .Add(Columns.FirstOrder, m.Networks.Select(n => n.FirstOrder)).Add(Columns.Grid, m.Networks.Select(n => n.Grid));
        result.Add(table);
    }

    private static void AddGridSweep(SpatialOptions o, Measurement m, SpatialGrid grid, ExperimentResult result)
    {
        var table = new Table("grid-size").Add(Columns.Points, m.Chain.Select(g => (double)g.Count))
            .Add(Columns.Rotations, m.Chain.Select(g => (double)g.Rotations)).Add(Columns.Shifts, m.Chain.Select(g => (double)g.Shifts));
        foreach (var n in m.Networks) table.Add(Columns.Of(n.Training), n.ChainAccuracies);
        result.Add(table);
        string chain = string.Join(", ", m.Chain.Select(g => $"{g.Rotations}×{g.Shifts}²"));
        result.Add(new Figure("grid-size",
            $"Worst-of-grid accuracy on {m.Images:N0} held-out digits of {m.Dataset} against the number of transforms in the grid, for nested grids of rotations × translations² " +
            $"({chain}) within ±{NumberText.Short(o.MaxDegrees, 3)}° and ±{NumberText.Short(o.MaxShift, 3)} px; each grid contains the one before, so accuracy can only fall.",
            new Axis("transforms in the grid", Log: true), Axis.Fraction("worst-of-grid accuracy"),
            [.. m.Networks.Select(n => new Line(table.Name, Columns.Points, Columns.Of(n.Training), Label(n.Training, o)))], FigureWidth.Half)
        { Aspect = 0.85, Legend = LegendPlace.LowerLeft });
    }

    private static void AddRotationSweep(SpatialOptions o, Measurement m, ExperimentResult result)
    {
        var table = new Table("rotation").Add(Columns.Angle, m.Angles);
        foreach (var n in m.Networks) table.Add(Columns.Of(n.Training), n.RotationAccuracies);
        result.Add(table);
        result.Add(new Figure("rotation",
            $"Accuracy on {m.Images:N0} held-out digits of {m.Dataset} rotated by each angle of the grid, untranslated (one grid point per angle, not the worst case).",
            new Axis("rotation θ (degrees)"), Axis.Fraction("accuracy"),
            [.. m.Networks.Select(n => new Line(table.Name, Columns.Angle, Columns.Of(n.Training), Label(n.Training, o)))], FigureWidth.Half)
        { Aspect = 0.85, Legend = LegendPlace.LowerLeft });
    }

    private static void AddSheet(SpatialOptions o, Measurement m, ExperimentResult result)
    {
        if (m.Shown.Length == 0) return;
        var sheet = new ImageSheet(1 + m.Networks.Length, m.Shown.Length, 28, 28, (row, column) => (row == 0 ? m.Shown[column] : m.Networks[row - 1].WorstImages[column])
            .Select(x => (double)x).ToArray(), gap: 2, background: 1);
        var table = sheet.ToTable("worst-transforms", Columns.TileX, Columns.TileY, Columns.Shade);
        result.Add(table);
        string rows = string.Join("; ", m.Networks.Select(n => $"{Label(n.Training, o)}: " + string.Join(", ", n.Worst.Select((w, i) =>
            $"({NumberText.Short(w.Degrees, 3)}°, {NumberText.Short(w.Dx, 2)}, {NumberText.Short(w.Dy, 2)}) → {n.WorstPredictions[i]}"))));
        result.Add(new Figure("worst-transforms",
            $"Held-out digits of {m.Dataset} (top row, labels {string.Join(" ", m.Labels)}) and, in the rows below, each at the first transform of the grid that one network misclassifies (or its highest-loss one), " +
            $"with (θ, dx, dy) and the prediction: {rows}.",
            new Axis("digit"), new Axis("row"), [new Heatmap(table.Name, Columns.TileX, Columns.TileY, Columns.Shade, "pixel")], FigureWidth.Half)
        { Aspect = sheet.SquarePixelAspect(FigureWidth.Half), Legend = null });
    }
}
