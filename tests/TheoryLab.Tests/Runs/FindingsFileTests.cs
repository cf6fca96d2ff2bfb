using System.Text.Json.Nodes;
using TheoryLab.Kernel;
using TheoryLab.Runs;

namespace TheoryLab.Tests.Runs;

public class FindingsFileTests
{
    [Fact]
    public void OutcomesWithoutAValue_AreWrittenByName_NeverAsNull()
    {
        var json = FindingsFile.ToJson([Finding.Diverged("mean_loss_range", "nats", "spread"), Finding.NotReached("steps", "steps", "to 90 %")]);
        Assert.Equal("diverged", (string?)json["mean_loss_range"]!["outcome"]);
        Assert.Equal("not-reached", (string?)json["steps"]!["outcome"]);
        Assert.False(json["mean_loss_range"]!.AsObject().ContainsKey("value"));
        Assert.DoesNotContain("null", json.ToJsonString());
    }

    [Fact]
    public void Findings_RoundTrip_WithTheirOutcomeAndMachineDependence()
    {
        using var dir = new TempDirectory();
        Finding[] findings =
        [
            new Finding("chi1", 1.25, "1", "a slope", 1.2, "theory: the map"),
            new Finding("examples_per_second", 1234.5, "1/s", "throughput") { MachineDependent = true },
            Finding.Diverged("final_loss", "nats", "the loss"),
        ];
        File.WriteAllText(dir["findings.json"], FindingsFile.Write(findings));
        Assert.Equal(findings, FindingsFile.Read(dir["findings.json"]));
    }

    [Fact]
    public void AFileThatHoldsNull_FromVersionsThatWroteNaNSo_IsAClearError()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir["findings.json"], new JsonObject { ["c_star"] = new JsonObject { ["value"] = null, ["unit"] = "1", ["meaning"] = "m" } }.ToJsonString());
        var e = Assert.Throws<TheoryLabException>(() => FindingsFile.Read(dir["findings.json"]));
        Assert.Contains("'c_star'", e.Message);
        Assert.Contains("--force", e.Message);
    }
}
