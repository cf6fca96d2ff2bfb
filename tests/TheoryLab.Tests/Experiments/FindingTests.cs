using TheoryLab.Kernel;

namespace TheoryLab.Tests.Experiments;

public class FindingTests
{
    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void NonFiniteValue_IsRefused_NamingTheFinding(double value)
    {
        var e = Assert.Throws<TheoryLabException>(() => new Finding("chi1", value, "1", "a slope"));
        Assert.Contains("'chi1'", e.Message);
    }

    [Fact]
    public void NonFiniteExpectedValue_IsRefused_NamingTheFinding()
    {
        var e = Assert.Throws<TheoryLabException>(() => new Finding("xi_c", 3, "layers", "a depth scale", double.PositiveInfinity, "theory: the map"));
        Assert.Contains("'xi_c'", e.Message);
    }

    [Fact]
    public void DivergedAndNotReached_AreExplicitOutcomes_WithNoValueToCompare()
    {
        var diverged = Finding.Diverged("final_loss", "nats", "the loss");
        var notReached = Finding.NotReached("steps", "steps", "steps to 90 %");
        Assert.Equal((FindingOutcome.Diverged, "diverged"), (diverged.Outcome, diverged.WhyNoValue));
        Assert.Equal((FindingOutcome.NotReached, "not reached"), (notReached.Outcome, notReached.WhyNoValue));
        Assert.Null(diverged.RelativeDeviation);
        Assert.Null(new Finding("chi1", 1.1, "1", "a slope", 1).WhyNoValue);
    }
}
