#:project ../src/TheoryLab/TheoryLab.csproj

// Yarotsky's approximation of x² through the library: run the experiment (quick options unless "full" is passed),
// print its findings, then build the networks directly and check the error 2^(−2m−2) and the product bound 4^(−m).
using TheoryLab.Experiments;
using TheoryLab.Models.PiecewiseLinear;
using TheoryLab.Models.ReluCircuits;
using TheoryLab.Numerics;
using TheoryLab.Runs;

var experiment = ExperimentRegistry.Default.Get("yarotsky-square");
bool full = args.Contains("full");
var outcome = Runner.Run(new RunRequest(experiment, full ? experiment.DefaultOptions : experiment.QuickOptions)
{
    OutputDirectory = Path.Combine("runs", "example-yarotsky-square" + (full ? "" : "-quick")),
});
Console.WriteLine($"{experiment.Title}: run directory {outcome.Directory}{(outcome.Reused ? " (reused)" : "")}");
foreach (var f in outcome.Findings)
    Console.WriteLine($"  {f.Name,-28} {f.Value,12:G6} {f.Unit,-8}{(f.Expected is { } e ? $" expected {e:G6}" : "")}");

// The same constructions on their own: f_m has 2^m pieces, and its largest error, maximised exactly on each piece, is 2^(−2m−2).
for (int m = 1; m <= 8; m++)
{
    var square = YarotskyCircuits.Square(m);
    var pieces = LinearPieces.Function(square.ToReluNetwork(), 0, 1);
    double error = SquareDeviation.Max(pieces.Breakpoints, Enumerable.Range(0, pieces.Breakpoints.Count).Select(pieces.ValueAtBreakpoint).ToArray());
    Console.WriteLine($"m = {m}: {pieces.PieceCount,4} pieces, {square.NonzeroParameters,3} weights, sup|x² − f_m| = {error:G6} (2^(−2m−2) = {YarotskyCircuits.SquareError(m):G6})");
}
var product = YarotskyCircuits.Product(5);
Console.WriteLine($"P_5(2⁻⁵, 2⁻⁵) = {product.Evaluate([1 / 32.0, 1 / 32.0])[0]} while xy = {1 / 1024.0}: the error 4⁻⁵ is attained");

// Yarotsky's partition-of-unity network for sin(πx) (Theorem 1): trapezoids times local Taylor polynomials of order 4,
// products through ×̃. Its sup error is maximised exactly over all its pieces and stays below ε.
var sine = new SineTarget();
foreach (double epsilon in new[] { 1e-2, 1e-3, 1e-4 })
{
    var partition = YarotskyPartition.Approximate(sine, 4, epsilon);
    var exact = partition.ExactFunction();
    Console.WriteLine($"ε = {epsilon:G2}: N = {partition.Cells}, m = {partition.Levels}, {partition.Circuit.HiddenLayers} hidden layers, " +
        $"{partition.Circuit.NonzeroParameters:N0} weights, {exact.PieceCount:N0} pieces, sup error {sine.SupDistance(exact):G3} (bound {partition.ErrorBound:G3})");
}
