using TheoryLab.Figures;
using TheoryLab.Kernel;
using TheoryLab.Tables;
using TheoryLab.Text;

namespace TheoryLab.Experiments.Visualization;

/// <summary>
/// How <see cref="Scattering"/> shows its <see cref="Measurement"/>: the filter bank, the scattered image and its
/// coefficients (tables/coefficients.csv), energy by order, translation and deformation, and classification
/// against training-set size, naming columns through <see cref="Columns"/>.
/// </summary>
public sealed partial class Scattering
{
    /// <summary>The columns of every table, declared once for the code that writes and reads them.</summary>
    private static class Columns
    {
        public static readonly Column Order = new("order");
        public static readonly Column J1 = new("j1");
        public static readonly Column Theta1 = new("theta1");
        public static readonly Column J2 = new("j2");
        public static readonly Column Theta2 = new("theta2");
        public static readonly Column Row = new("row");
        public static readonly Column Col = new("col");
        public static readonly Column Value = new("value");
        public static readonly Column TileX = new("x");
        public static readonly Column TileY = new("y");
        public static readonly Column EnergyFraction = new("energy_fraction");
        public static readonly Column CumulativeFraction = new("cumulative_fraction");
        public static readonly Column Shift = new("shift_px");
        public static readonly Column ShiftOverWindow = new("shift_over_2J");
        public static readonly Column ScatteringChange = new("scattering_change");
        public static readonly Column PixelChange = new("pixel_change");
        public static readonly Column CnnChange = new("cnn_change");
        public static readonly Column Epsilon = new("epsilon");
        public static readonly Column TrainCount = new("train_examples");
        public static readonly Column ScatteringError = new("scattering_ridge_error");
        public static readonly Column CnnError = new("cnn_error");
        public static readonly Column CnnTrainError = new("cnn_train_error");
    }

    /// <summary>Blank pixels between the tiles of a mosaic.</summary>
    private const int Gap = 1;

    private static ExperimentResult Present(ScatteringOptions o, Measurement m)
    {
        var result = new ExperimentResult();
        AddFilterBank(o, m, result);
        AddCoefficients(o, m, result);
        AddEnergy(o, m, result);
        AddTranslation(o, m, result);
        AddDeformation(o, m, result);
        AddClassification(o, m, result);
        return result;
    }

    private static void AddFilterBank(ScatteringOptions o, Measurement m, ExperimentResult result)
    {
        // |ψ̂| with zero frequency moved to the tile's centre, one tile per (j, θ): rows j, columns θ.
        var tiles = new double[o.J, o.L][,];
        for (int j = 0; j < o.J; j++)
            for (int theta = 0; theta < o.L; theta++) tiles[j, theta] = Centred(m.WaveletSpectra[j * o.L + theta]);
        var sheet = Mosaic(tiles, normalise: false);
        var table = sheet.ToTable("filter-bank", Columns.TileX, Columns.TileY, Columns.Value);
        result.Add(table);
        int size = m.LowPassSpectrum.GetLength(0);
        result.Add(new Figure("filter-bank",
            $"Kymatio's Morlet wavelets in Fourier, |ψ̂_(j,θ)(ω)| on the {size}×{m.LowPassSpectrum.GetLength(1)} padded grid, zero frequency at each tile's centre: " +
            $"rows j = 0…{o.J - 1} from the top (centre frequency (3π/4)/2^j, width σ = 0.8·2^j), columns θ = 0…{o.L - 1} (angle (⌊L/2⌋ − 1 − θ)π/L).",
            new Axis("θ (tile) and horizontal frequency"), new Axis("j (tile) and vertical frequency"),
            [new Heatmap(table.Name, Columns.TileX, Columns.TileY, Columns.Value, "|ψ̂|")])
        { Aspect = sheet.SquarePixelAspect(), Legend = null });
    }

    private static void AddCoefficients(ScatteringOptions o, Measurement m, ExperimentResult result)
    {
        var shown = m.Shown;
        int per = shown.Rows * shown.Cols;
        var coefficients = new Table("coefficients");
        var rows = new List<double>();
        var cols = new List<double>();
        for (int p = 0; p < shown.Paths.Count; p++)
            for (int r = 0; r < shown.Rows; r++)
                for (int c = 0; c < shown.Cols; c++) { rows.Add(r); cols.Add(c); }
        var paths = shown.Paths.SelectMany(p => Enumerable.Repeat(p, per)).ToList();
        coefficients.Add(Columns.Order, paths.Select(p => (double)p.Order)).Add(Columns.J1, paths.Select(p => (double)p.J1))
            .Add(Columns.Theta1, paths.Select(p => (double)p.Theta1)).Add(Columns.J2, paths.Select(p => (double)p.J2))
            .Add(Columns.Theta2, paths.Select(p => (double)p.Theta2)).Add(Columns.Row, rows).Add(Columns.Col, cols)
            .Add(Columns.Value, shown.Coefficients);
        result.Add(coefficients);

        var imageSheet = Mosaic(new[,] { { shown.Pixels } }, normalise: false);
        var image = imageSheet.ToTable("image", Columns.TileX, Columns.TileY, Columns.Value);
        result.Add(image);
        result.Add(new Figure("image", $"The scattered image ({shown.Source}, {shown.Pixels.GetLength(0)}×{shown.Pixels.GetLength(1)}).",
            new Axis("column"), new Axis("row (from the bottom)"), [new Heatmap(image.Name, Columns.TileX, Columns.TileY, Columns.Value, "pixel")], FigureWidth.Half)
        { Aspect = imageSheet.SquarePixelAspect(FigureWidth.Half), Legend = null });

        double[,] Map(int path)
        {
            var map = new double[shown.Rows, shown.Cols];
            for (int r = 0; r < shown.Rows; r++)
                for (int c = 0; c < shown.Cols; c++) map[r, c] = shown.Coefficients[path * per + r * shown.Cols + c];
            return map;
        }
        var index = shown.Paths.Select((p, i) => (p, i)).ToDictionary(x => x.p, x => x.i);

        var first = new double[o.J, o.L][,];
        for (int j = 0; j < o.J; j++)
            for (int theta = 0; theta < o.L; theta++) first[j, theta] = Map(index[new(1, j, theta, -1, -1)]);
        var firstSheet = Mosaic(first, normalise: true);
        var firstTable = firstSheet.ToTable("order1-maps", Columns.TileX, Columns.TileY, Columns.Value);
        result.Add(firstTable);
        result.Add(new Figure("order1-maps",
            $"Order-1 coefficients |x ⋆ ψ_(j,θ)| ⋆ φ_J of the image, {shown.Rows}×{shown.Cols} each (2^J = {1 << o.J} times coarser): rows j = 0…{o.J - 1} from the top, columns θ = 0…{o.L - 1}; " +
            "each map scaled to its own largest value, so the shading compares positions, not maps.",
            new Axis("θ (tile) and column"), new Axis("j (tile) and row"), [new Heatmap(firstTable.Name, Columns.TileX, Columns.TileY, Columns.Value, "S₁ / max")])
        { Aspect = firstSheet.SquarePixelAspect(), Legend = null });

        if (o.MaxOrder < 2 || o.J < 2) return;
        var pairs = Enumerable.Range(0, o.J).SelectMany(j1 => Enumerable.Range(j1 + 1, o.J - j1 - 1).Select(j2 => (j1, j2))).ToList();
        var second = new double[pairs.Count, o.L][,];
        for (int k = 0; k < pairs.Count; k++)
        {
            for (int theta2 = 0; theta2 < o.L; theta2++)
            {
                var sum = new double[shown.Rows, shown.Cols];
                for (int theta1 = 0; theta1 < o.L; theta1++)
                {
                    var map = Map(index[new(2, pairs[k].j1, theta1, pairs[k].j2, theta2)]);
                    for (int r = 0; r < shown.Rows; r++)
                        for (int c = 0; c < shown.Cols; c++) sum[r, c] += map[r, c] / o.L;
                }
                second[k, theta2] = sum;
            }
        }
        var secondSheet = Mosaic(second, normalise: true);
        var secondTable = secondSheet.ToTable("order2-maps", Columns.TileX, Columns.TileY, Columns.Value);
        result.Add(secondTable);
        result.Add(new Figure("order2-maps",
            $"Order-2 coefficients ||x ⋆ ψ_(j₁,θ₁)| ⋆ ψ_(j₂,θ₂)| ⋆ φ_J of the image averaged over θ₁: rows (j₁, j₂) = {string.Join(", ", pairs.Select(p => $"({p.j1}, {p.j2})"))} from the top, " +
            $"columns θ₂ = 0…{o.L - 1}; each map scaled to its own largest value.",
            new Axis("θ₂ (tile) and column"), new Axis("(j₁, j₂) (tile) and row"), [new Heatmap(secondTable.Name, Columns.TileX, Columns.TileY, Columns.Value, "S₂ / max")])
        { Aspect = secondSheet.SquarePixelAspect(), Legend = null });
    }

    private static void AddEnergy(ScatteringOptions o, Measurement m, ExperimentResult result)
    {
        var cumulative = new double[m.EnergyByOrder.Length];
        for (int i = 0; i < cumulative.Length; i++) cumulative[i] = (i > 0 ? cumulative[i - 1] : 0) + m.EnergyByOrder[i];
        var table = new Table("energy")
            .Add(Columns.Order, Enumerable.Range(0, m.EnergyByOrder.Length).Select(i => (double)i))
            .Add(Columns.EnergyFraction, m.EnergyByOrder)
            .Add(Columns.CumulativeFraction, cumulative);
        result.Add(table);
        result.Add(new Figure("energy-by-order",
            $"Fraction of the image's energy carried by each scattering order, 4^J‖S_m x‖²/‖x‖², mean over {m.Probes} held-out {m.DatasetName} digits (bars), and its running sum (line); " +
            "Mallat: the orders' fractions add up to 1 over all orders, and fall fast with the order.",
            new Axis("scattering order m"), Axis.Fraction("fraction of ‖x‖²"),
            [new Bars(table.Name, Columns.Order, Columns.EnergyFraction, "order m"), new Line(table.Name, Columns.Order, Columns.CumulativeFraction, "orders 0…m")], FigureWidth.Half)
        { Legend = LegendPlace.UpperLeft });

        string setting = $"J = {o.J}, L = {o.L}, mean over {m.Probes} held-out {m.DatasetName} digits";
        for (int order = 0; order < m.EnergyByOrder.Length; order++)
            result.Add(new Finding($"energy_order{order}", m.EnergyByOrder[order], "1",
                $"Fraction of ‖x‖² carried by the order-{order} coefficients, 4^J‖S_{order}x‖²/‖x‖², {setting}."));
        result.Add(new Finding($"energy_orders_0_to_{o.MaxOrder}", cumulative[^1], "1",
            $"Fraction of ‖x‖² carried by orders 0…{o.MaxOrder} together, {setting} (each digit set in zeros on the padded grid, no border cut); the first layer passes on {NumberText.Short(m.FirstLayerEnergy, 3)} of ‖x‖², the rest of which goes to higher orders.",
            1, "theory: a scattering with a tight (Littlewood–Paley sum 1) wavelet frame keeps ‖Sx‖ = ‖x‖ summed over all orders (mallat2012group)"));
        result.Add(new Finding("energy_first_layer", m.FirstLayerEnergy, "1",
            $"(‖x ⋆ φ_J‖² + Σ_λ‖x ⋆ ψ_λ‖²)/‖x‖², by Parseval through the bank's Littlewood–Paley sum, {setting}: the energy the first wavelet layer keeps, below 1 where the bank does not cover the digits' highest frequencies.",
            1, "theory: 1 for a tight frame (mallat2012group)"));
    }

    private static void AddTranslation(ScatteringOptions o, Measurement m, ExperimentResult result)
    {
        double window = 1 << o.J;
        var table = new Table("translation")
            .Add(Columns.Shift, m.Shifts)
            .Add(Columns.ShiftOverWindow, m.Shifts.Select(s => s / window))
            .Add(Columns.ScatteringChange, m.ShiftScatteringChange)
            .Add(Columns.PixelChange, m.ShiftPixelChange);
        result.Add(table);
        result.Add(new Figure("translation",
            $"Relative change under a horizontal translation by τ pixels, mean over {m.Probes} held-out digits: of the scattering coefficients, ‖Sx − S x_τ‖/‖Sx‖ (J = {o.J}), " +
            $"and of the pixels, ‖x − x_τ‖/‖x‖. The scattering moves little while τ is small against 2^J = {window}.",
            new Axis("τ / 2^J"), new Axis("relative change"),
            [new Line(table.Name, Columns.ShiftOverWindow, Columns.ScatteringChange, "scattering"), new Line(table.Name, Columns.ShiftOverWindow, Columns.PixelChange, "pixels")])
        { Legend = LegendPlace.LowerRight });

        int one = Array.IndexOf(m.Shifts, 1.0);
        if (one < 0) return;
        result.Add(new Finding("shift_change_1px", m.ShiftScatteringChange[one], "1",
            $"‖Sx − S x_τ‖/‖Sx‖ for a translation by τ = 1 pixel, J = {o.J}, mean over {m.Probes} held-out digits (the pixels change by {NumberText.Short(m.ShiftPixelChange[one], 3)})."));
        result.Add(new Finding("shift_change_1px_over_pixels", m.ShiftScatteringChange[one] / m.ShiftPixelChange[one], "1",
            "The scattering's relative change over the pixels' for a 1-pixel translation: below 1, the coefficients are nearly invariant where the image itself changes.",
            null, "theory: ‖S_J x − S_J x_τ‖ ≤ C 2^(−J)|τ| ‖x‖, invariance up to translations small against 2^J (mallat2012group)"));
        int window1 = Array.IndexOf(m.Shifts, window);
        if (window1 >= 0)
            result.Add(new Finding("shift_change_2J", m.ShiftScatteringChange[window1], "1",
                $"‖Sx − S x_τ‖/‖Sx‖ for a translation by τ = 2^J = {window} pixels, mean over {m.Probes} held-out digits (the pixels change by {NumberText.Short(m.ShiftPixelChange[window1], 3)})."));
    }

    private static void AddDeformation(ScatteringOptions o, Measurement m, ExperimentResult result)
    {
        var table = new Table("deformation")
            .Add(Columns.Epsilon, o.Deformations)
            .Add(Columns.ScatteringChange, m.DeformationScatteringChange)
            .Add(Columns.CnnChange, m.DeformationCnnChange)
            .Add(Columns.PixelChange, m.DeformationPixelChange);
        result.Add(table);
        int largest = m.Sizes[^1].TrainCount;
        result.Add(new Figure("deformation",
            $"Relative change under the dilation x(u − τ(u)), τ(u) = ε(u − centre), ‖∇τ‖∞ = ε, mean over {m.Probes} held-out digits: of the scattering coefficients (J = {o.J}), " +
            $"of the outputs (logits) of LeNet-5 trained on {largest:N0} digits, and of the pixels. A Lipschitz-stable representation changes in proportion to ε.",
            new Axis("deformation size ε = ‖∇τ‖∞", Log: true), new Axis("relative change", Log: true),
            [
                new Line(table.Name, Columns.Epsilon, Columns.ScatteringChange, "scattering"),
                new Line(table.Name, Columns.Epsilon, Columns.CnnChange, "CNN logits"),
                new Line(table.Name, Columns.Epsilon, Columns.PixelChange, "pixels"),
            ])
        { Legend = LegendPlace.LowerRight });

        double epsilon = o.Deformations[0];
        double scattering = m.DeformationScatteringChange[0] / epsilon, cnn = m.DeformationCnnChange[0] / epsilon, pixels = m.DeformationPixelChange[0] / epsilon;
        string at = $"at ε = {NumberText.Short(epsilon, 3)}, mean over {m.Probes} held-out digits";
        result.Add(new Finding("lipschitz_scattering", scattering, "1",
            $"Relative change of the scattering coefficients over the deformation size, (‖Sx − S(x∘(1−τ))‖/‖Sx‖)/‖∇τ‖∞, {at}.",
            null, "theory: ‖Sx − S(x∘(1−τ))‖ ≤ C‖x‖‖∇τ‖∞ for small deformations, a bounded ratio (mallat2012group, bruna2013invariant)"));
        result.Add(new Finding("lipschitz_cnn", cnn, "1",
            $"The same ratio for the logits of LeNet-5 trained on {largest:N0} digits, {at} (the pixels' ratio is {NumberText.Short(pixels, 3)})."));
        result.Add(new Finding("lipschitz_cnn_over_scattering", cnn / scattering, "1",
            $"The CNN's ratio over the scattering's, {at}: above 1, the trained network's outputs are the less stable to the dilation."));
    }

    private static void AddClassification(ScatteringOptions o, Measurement m, ExperimentResult result)
    {
        var table = new Table("classification")
            .Add(Columns.TrainCount, m.Sizes.Select(s => (double)s.TrainCount))
            .Add(Columns.ScatteringError, m.Sizes.Select(s => s.ScatteringError))
            .Add(Columns.CnnError, m.Sizes.Select(s => s.CnnError))
            .Add(Columns.CnnTrainError, m.Sizes.Select(s => s.CnnTrainError));
        result.Add(table);
        result.Add(new Figure("error-vs-training-size",
            $"Test error on {m.TestCount:N0} held-out {m.DatasetName} digits against the number of training digits: a ridge classifier (λ = {NumberText.Short(o.Ridge, 3)}) on the {m.FeatureCount:N0} " +
            $"standardised scattering coefficients (J = {o.J}, L = {o.L}, orders 0–{o.MaxOrder}) and LeNet-5 after {o.CnnSteps:N0} SGD steps. " +
            "Bruna & Mallat: scattering's advantage over a CNN is largest for small training sets.",
            new Axis("training examples n", Log: true), Axis.Fraction("test error", log: true),
            [
                new Line(table.Name, Columns.TrainCount, Columns.ScatteringError, "scattering + ridge") { Colour = 0 },
                new Line(table.Name, Columns.TrainCount, Columns.CnnError, "LeNet-5") { Colour = 1 },
            ])
        { Legend = LegendPlace.UpperRight });

        foreach (var s in m.Sizes)
        {
            string setting = $"trained on {s.TrainCount:N0} digits, tested on {m.TestCount:N0} held-out ones";
            result.Add(new Finding($"scattering_error_n{s.TrainCount}", s.ScatteringError, "1",
                $"Test error of the ridge classifier on standardised scattering coefficients (J = {o.J}, L = {o.L}), {setting}."));
            result.Add(new Finding($"cnn_error_n{s.TrainCount}", s.CnnError, "1",
                $"Test error of LeNet-5 after {o.CnnSteps:N0} SGD steps, {setting} (training error {NumberText.Short(s.CnnTrainError, 3)})."));
        }
    }

    /// <summary>The spectrum with zero frequency moved to the centre and taken in modulus, as filters are usually drawn.</summary>
    private static double[,] Centred(double[,] spectrum)
    {
        int rows = spectrum.GetLength(0), cols = spectrum.GetLength(1);
        var centred = new double[rows, cols];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++) centred[(r + rows / 2) % rows, (c + cols / 2) % cols] = Math.Abs(spectrum[r, c]);
        return centred;
    }

    /// <summary>
    /// Equal-sized tiles laid out in a grid (tile [0, 0] at the top left, each tile's row 0 at its top), gaps 0;
    /// normalised tiles are divided by their largest |value|.
    /// </summary>
    private static ImageSheet Mosaic(double[,][,] tiles, bool normalise)
    {
        int tileRows = tiles[0, 0].GetLength(0), tileCols = tiles[0, 0].GetLength(1);
        return new ImageSheet(tiles.GetLength(0), tiles.GetLength(1), tileRows, tileCols, (row, column) =>
        {
            var tile = tiles[row, column].Cast<double>().ToArray();
            double scale = normalise ? tile.Select(Math.Abs).DefaultIfEmpty(0).Max() : 1;
            return scale == 0 ? tile : [.. tile.Select(v => v / scale)];
        }, gap: Gap);
    }
}
