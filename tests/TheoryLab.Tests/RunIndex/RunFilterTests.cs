using TheoryLab.RunIndex;

namespace TheoryLab.Tests.RunIndex;

/// <summary>The --where language's translation to SQL: the user's names and values only ever travel as parameters.</summary>
public class RunFilterTests
{
    private static readonly IndexNames Names = new(new HashSet<string> { "sigma_w2", "activation" }, new HashSet<string> { "end_value" });

    [Fact]
    public void UserText_NeverEntersTheSql_OnlyTheParameters()
    {
        var filter = RunFilter.Parse("activation='x; drop table runs' or sigma_w2<=2.5 and end_value!=diverged", Names);
        Assert.DoesNotContain("drop", filter.Sql);
        Assert.DoesNotContain("sigma_w2", filter.Sql);
        Assert.DoesNotContain("2.5", filter.Sql);
        Assert.Contains(("$p0", (object)"x; drop table runs"), filter.Parameters);
        Assert.Contains(filter.Parameters, p => p.Value is 2.5);
        Assert.Contains(" OR ", filter.Sql);
        Assert.Contains(" AND ", filter.Sql);
    }

    [Fact]
    public void NumbersCompareAsNumbers_WordsAsTextOrOutcome()
    {
        Assert.Contains("o.number <= $p0", RunFilter.Parse("sigma_w2<=2.5", Names).Sql);
        Assert.Contains("o.value = $p0", RunFilter.Parse("activation=relu", Names).Sql);
        Assert.Contains("f.outcome != $p0", RunFilter.Parse("end_value!=diverged", Names).Sql);
        Assert.Contains("f.value > $p0", RunFilter.Parse("end_value>1e-3", Names).Sql);
    }
}
