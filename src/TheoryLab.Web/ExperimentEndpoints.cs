using Microsoft.AspNetCore.Builder;
using TheoryLab.Experiments;
using TheoryLab.Kernel;
using TheoryLab.Options;

namespace TheoryLab.Web;

/// <summary>The experiments by lecture, each with what the launch form needs: its options' types, ranges, defaults and Quick values.</summary>
internal static class ExperimentEndpoints
{
    public static void Map(WebApplication app, ExperimentRegistry registry)
    {
        app.MapGet("/api/experiments", () => registry.All.GroupBy(e => e.Topic).Select(lecture => new
        {
            Lecture = lecture.Key.Label(),
            Experiments = lecture.Select(Describe),
        }));
    }

    private static object Describe(IExperiment experiment)
    {
        var quick = experiment.Schema.Values(experiment.QuickOptions);
        return new
        {
            experiment.Id,
            experiment.Title,
            experiment.Summary,
            experiment.Papers,
            Options = experiment.Schema.Options.Select(o => new
            {
                o.Name,
                Type = o.TypeName,
                o.Meaning,
                Default = OptionValues.Format(o.Default),
                Quick = quick[o.Name],
                Range = o.RangeText,
                o.Choices,
                o.Attribute.Unit,
            }),
        };
    }
}
