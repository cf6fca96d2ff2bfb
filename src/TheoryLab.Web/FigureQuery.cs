using Microsoft.AspNetCore.Http;
using TheoryLab.Kernel;

namespace TheoryLab.Web;

/// <summary>
/// A live figure's settings, read from the query as options of the experiment the figure comes from, so that a value
/// out of range is refused with the same line as <c>theorylab run … --set</c> would print.
/// </summary>
internal static class FigureQuery
{
    public static TOptions Bind<TOptions>(IExperiment experiment, HttpRequest request, params string[] settings)
    {
        var values = new List<KeyValuePair<string, string>>();
        foreach (var (name, value) in request.Query)
        {
            if (name == AccessToken.QueryName) continue;
            if (!settings.Contains(name))
                throw new TheoryLabException($"'{name}' is not a setting of this figure; it takes {string.Join(", ", settings)} (options of {experiment.Id}).");
            values.Add(KeyValuePair.Create(name, value.ToString()));
        }
        return (TOptions)experiment.Schema.Bind(experiment.DefaultOptions, values);
    }

    /// <summary>JSON has no NaN or infinity: a value that is not finite (no critical point, an infinite depth scale) is sent as null.</summary>
    public static double? Finite(double x) => double.IsFinite(x) ? x : null;
}
