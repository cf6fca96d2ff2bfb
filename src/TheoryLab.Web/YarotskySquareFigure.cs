using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using TheoryLab.Experiments;
using TheoryLab.Experiments.Expressivity;
using TheoryLab.Models.ReluCircuits;

namespace TheoryLab.Web;

/// <summary>
/// Yarotsky's square network f_m, built weight by weight as the yarotsky-square experiment builds it: its linear pieces
/// enumerated exactly, against x², and its sup error for every m up to the one asked for beside 2^{−2m−2}.
/// </summary>
internal static class YarotskySquareFigure
{
    /// <summary>Most sawtooth levels the page draws: 2^m + 1 knots, 4 097 at m = 12.</summary>
    public const int DeepestDrawnSquare = 12;

    public static void Map(WebApplication app, ExperimentRegistry registry)
    {
        var experiment = registry.Get("yarotsky-square");
        app.MapGet("/api/yarotsky-square", (HttpRequest request) =>
        {
            var options = FigureQuery.Bind<YarotskySquareOptions>(experiment, request, "m");
            if (options.M > DeepestDrawnSquare)
                throw new TheoryLabException($"the page draws f_m up to m = {DeepestDrawnSquare} ({(1 << DeepestDrawnSquare) + 1} knots); 'theorylab run yarotsky-square --set m={options.M}' measures larger ones.");
            var clock = Stopwatch.StartNew();
            var squares = Enumerable.Range(1, options.M).Select(m => YarotskySquare.ExactSquare(m, request.HttpContext.RequestAborted)).ToArray();
            double milliseconds = clock.Elapsed.TotalMilliseconds;
            var pieces = squares[^1].Pieces;
            return new
            {
                options.M,
                Pieces = pieces.PieceCount,
                X = pieces.Breakpoints,
                F = Enumerable.Range(0, pieces.Breakpoints.Count).Select(pieces.ValueAtBreakpoint),
                MaxError = squares.Select(s => s.MaxError),
                Theory = Enumerable.Range(1, options.M).Select(YarotskyCircuits.SquareError),
                Milliseconds = milliseconds,
            };
        });
    }
}
